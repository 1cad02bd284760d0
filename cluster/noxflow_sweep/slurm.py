"""Submitting a sweep as Slurm job arrays, and what squeue says about it."""

import getpass
import os
import shutil
import subprocess
import sys

from . import SweepError
from .layout import SweepDir


def _ranges(points):
    """[0, 1, 2, 5] -> '0-2,5' (a --array index list)."""
    out, start = [], None
    for k, p in enumerate(points):
        if start is None:
            start = p
        if k + 1 == len(points) or points[k + 1] != p + 1:
            out.append(str(start) if start == p else f"{start}-{p}")
            start = None
    return ",".join(out)


def _sbatch(args):
    if not shutil.which("sbatch"):
        raise SweepError("sbatch not found: run on a Slurm login node, or use run-local")
    r = subprocess.run(["sbatch", "--parsable"] + args, capture_output=True, text=True,
                       check=False)
    if r.returncode != 0:
        raise SweepError(f"sbatch {' '.join(args)} failed: {r.stderr.strip()}")
    return r.stdout.strip().split(";")[0]


def submit(directory, points, template, script, options):
    """Submits `points` as one job array per MPI rank count (an array's tasks
    share one resource request), then an aggregation job that runs after all
    of them succeed. Returns [(job id, kind, points)]."""
    sd = SweepDir(directory)
    if not points:
        print("nothing to submit")
        return []
    opts = dict(sd.meta.get("slurm", {}))
    opts.update({k: v for k, v in options.items() if v is not None})
    name = opts.get("job_name") or "noxflow-sweep"
    common = []
    for key in ("partition", "account"):
        if opts.get(key):
            common.append(f"--{key}={opts[key]}")
    extra = list(opts.get("options", []))
    env = (f"--export=ALL,NOXFLOW_SWEEP={os.path.abspath(script)},"
           f"NOXFLOW_SWEEP_PYTHON={sys.executable}")
    by_ranks = {}
    for p in points:
        by_ranks.setdefault(sd.meta["ranks"][p], []).append(p)
    jobs = []
    for ranks, pts in sorted(by_ranks.items()):
        array = _ranges(pts)
        if opts.get("throttle"):
            array += f"%{int(opts['throttle'])}"
        args = [f"--job-name={name}", f"--array={array}", f"--ntasks={ranks}",
                f"--output={sd.dir}/logs/%x_%A_%a.log", f"--chdir={sd.dir}", env] + common
        if opts.get("time"):
            args.append(f"--time={opts['time']}")
        job = _sbatch(args + extra + [template, sd.dir])
        sd.add_submission(job, "array", pts)
        jobs.append((job, "array", pts))
        print(f"submitted job array {job}: points {_ranges(pts)}, {ranks} MPI rank(s) each")
    dep = "afterok:" + ":".join(j for j, _, _ in jobs)
    agg = _sbatch([f"--job-name={name}-aggregate", f"--dependency={dep}",
                   "--kill-on-invalid-dep=yes", "--ntasks=1", "--time=00:30:00",
                   f"--output={sd.dir}/logs/%x_%j.log", f"--chdir={sd.dir}"] + common
                  + ["--wrap", f"{sys.executable} {os.path.abspath(script)} aggregate {sd.dir}"])
    sd.add_submission(agg, "aggregate", [])
    jobs.append((agg, "aggregate", []))
    print(f"submitted aggregation job {agg} ({dep}): results in {sd.dir}/results")
    return jobs


_warned = []


def queue(job_ids):
    """{'JOB_TASK' or 'JOB': (state, reason)} for our jobs squeue knows, or
    None when squeue cannot be asked."""
    if not job_ids or not shutil.which("squeue"):
        return None
    r = subprocess.run(["squeue", "-h", "-r", "-u", getpass.getuser(), "-o", "%i|%T|%r"],
                       capture_output=True, text=True, check=False)
    if r.returncode != 0:
        if not _warned:
            last = (r.stderr.strip().splitlines() or ["exit code %d" % r.returncode])[-1]
            print(f"warning: squeue failed ({last}); states from the run folders only",
                  file=sys.stderr)
            _warned.append(True)
        return None
    out = {}
    for line in r.stdout.splitlines():
        jid, state, reason = (line.split("|") + ["", ""])[:3]
        if jid.split("_")[0] in job_ids:
            out[jid] = (state, reason)
    return out
