"""noxflow-sweep: command line."""

import argparse
import os
import sys

from . import SweepError
from .aggregate import aggregate
from .layout import SweepDir, expand
from .run import run_local, run_point
from .slurm import submit
from .status import FAILED, NOT_STARTED, PENDING, report, states
from .sweepfile import DEFAULT_MAX_POINTS

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPT = os.path.join(HERE, "noxflow-sweep")
TEMPLATE = os.path.join(HERE, "noxflow-sweep.sbatch")

EPILOG = """examples:
  noxflow-sweep expand cases/channel_nitrate/flow_nitrate.sweep -o sweeps/fn
  noxflow-sweep submit sweeps/fn --time 01:00:00 --partition compute
  noxflow-sweep run-local sweeps/fn -j 2
  noxflow-sweep status sweeps/fn
  noxflow-sweep resubmit sweeps/fn
  noxflow-sweep aggregate sweeps/fn      # results/sweep.csv and *.png
See cluster/README.md."""


def _sweep_dir(args):
    """The sweep folder of SWEEP (a folder, or a sweep file to expand first)."""
    if os.path.isdir(args.sweep):
        if args.output:
            raise SweepError(f"{args.sweep} is already a sweep folder; -o is for sweep files")
        return args.sweep
    d = args.output or os.path.splitext(os.path.basename(args.sweep))[0]
    d, n = expand(args.sweep, d, args.noxflow, check=not args.no_check,
                  max_points=args.max_points)
    print(f"expanded {args.sweep} into {n} run folder(s) in {d}")
    return d


def _slurm_options(args):
    return {"time": args.time, "partition": args.partition, "account": args.account,
            "throttle": args.throttle, "job_name": args.job_name}


def _pending(d):
    """Points never started and not queued."""
    return [i for i, s, detail in states(d) if s == PENDING and detail == NOT_STARTED]


def _positive(text):
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number >= 1")
    return n


def main(argv=None):
    ap = argparse.ArgumentParser(prog="noxflow-sweep", description="Parameter sweeps of "
                                 "NOxFlow cases on Slurm (job arrays) or locally (GNU parallel).",
                                 epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)

    def sweep_arg(p, expands=True):
        if expands:
            p.add_argument("sweep", help="sweep file (expanded first) or sweep folder")
            p.add_argument("-o", "--output", help="sweep folder to create "
                           "(default: the sweep file's name without extension)")
            p.add_argument("--noxflow", help="noxflow binary (default: $NOXFLOW, PATH, "
                           "build/solver/noxflow)")
            p.add_argument("--no-check", action="store_true",
                           help="do not check each case with noxflow --print-parameters")
            p.add_argument("--max-points", type=_positive, default=DEFAULT_MAX_POINTS,
                           help="refuse a sweep of more points (default "
                           f"{DEFAULT_MAX_POINTS})")
        else:
            p.add_argument("sweep", help="sweep folder")

    def slurm_args(p):
        p.add_argument("--time", help="time limit per run, e.g. 01:00:00")
        p.add_argument("--partition")
        p.add_argument("--account")
        p.add_argument("--throttle", type=int, help="at most K tasks of each array at a time (%%K; one array "
                       "per MPI rank count)")
        p.add_argument("--job-name")
        p.add_argument("--template", default=TEMPLATE, help="sbatch script of one array task")

    p = sub.add_parser("expand", help="write one run folder per point")
    sweep_arg(p)
    p = sub.add_parser("submit", help="submit pending points as Slurm job arrays")
    sweep_arg(p)
    slurm_args(p)
    p = sub.add_parser("run-local", help="run pending points here with GNU parallel")
    sweep_arg(p)
    p.add_argument("-j", "--jobs", type=int, help="points at a time (default: [local] jobs or 1)")
    p = sub.add_parser("status", help="done, running, failed (with reasons), pending")
    sweep_arg(p, False)
    p.add_argument("-v", "--verbose", action="store_true", help="one line per point")
    p = sub.add_parser("resubmit", help="run the failed points again (never a finished one)")
    sweep_arg(p, False)
    p.add_argument("--local", action="store_true", help="run them here (default: Slurm if "
                   "the sweep was submitted)")
    p.add_argument("-j", "--jobs", type=int, help="with --local: points at a time")
    slurm_args(p)
    p = sub.add_parser("aggregate", help="results/sweep.csv and plots from finished runs")
    sweep_arg(p, False)
    p.add_argument("--no-plots", action="store_true")
    p = sub.add_parser("run-point", help="run one point (what an array task does)")
    sweep_arg(p, False)
    p.add_argument("point", type=int)
    p.add_argument("--log", help="write the run's output here instead of stdout")

    args = ap.parse_args(argv)
    try:
        return _dispatch(args)
    except SweepError as e:
        print(f"noxflow-sweep {args.command}: error: {e}", file=sys.stderr)
        return 2


def _dispatch(args):
    c = args.command
    if c == "expand":
        if os.path.isdir(args.sweep):
            raise SweepError(f"{args.sweep} is a folder; expand takes a sweep file")
        _sweep_dir(args)
        return 0
    if c == "submit":
        d = _sweep_dir(args)
        submit(d, _pending(d), args.template, SCRIPT, _slurm_options(args))
        return 0
    if c == "run-local":
        d = _sweep_dir(args)
        jobs = args.jobs or SweepDir(d).meta.get("local", {}).get("jobs", 1)
        failed = run_local(d, _pending(d), jobs, SCRIPT)
        report(d)
        return 1 if failed else 0
    if c == "status":
        st = report(args.sweep, args.verbose)
        return 1 if any(s == FAILED for _, s, _ in st) else 0
    if c == "resubmit":
        sd = SweepDir(args.sweep)
        failed = [i for i, s, _ in states(args.sweep) if s == FAILED]
        if not failed:
            print("no failed points")
            return 0
        print(f"resubmitting {len(failed)} failed point(s): {', '.join(map(str, failed))}")
        if args.local or not sd.submissions():
            jobs = args.jobs or sd.meta.get("local", {}).get("jobs", 1)
            bad = run_local(args.sweep, failed, jobs, SCRIPT)
            report(args.sweep)
            return 1 if bad else 0
        submit(args.sweep, failed, args.template, SCRIPT, _slurm_options(args))
        return 0
    if c == "aggregate":
        aggregate(args.sweep, plots=not args.no_plots)
        return 0
    if c == "run-point":
        return run_point(args.sweep, args.point, args.log)
    raise AssertionError(c)
