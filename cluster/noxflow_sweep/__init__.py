"""Glue for NOxFlow parameter sweeps: expand a sweep file into run folders,
run them on Slurm (job arrays) or locally (GNU parallel), report progress,
resubmit failed runs and aggregate the results. See cluster/README.md."""


class SweepError(Exception):
    """An error the user can fix; the message says what and how."""
