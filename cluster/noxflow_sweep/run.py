"""One point of a sweep (the job array task, or one GNU parallel job), and
the local mode."""

import collections
import datetime
import json
import os
import shutil
import signal
import socket
import subprocess
import sys

from . import SweepError
from .layout import SweepDir, run_name
from .summary import completed_damage


def _now():
    return datetime.datetime.now().astimezone().isoformat(timespec="seconds")


def _slurm_launcher(ranks):
    """srun --mpi=pmix (Open MPI under Slurm) if this Slurm has the plugin;
    else mpirun, which reads the allocation. NOXFLOW_SWEEP_SRUN_MPI picks
    another srun plugin (e.g. pmi2)."""
    plugin = os.environ.get("NOXFLOW_SWEEP_SRUN_MPI", "pmix")
    r = subprocess.run(["srun", "--mpi=list"], capture_output=True, text=True, check=False)
    offered = (r.stdout + r.stderr).split()
    if plugin in offered:
        return ["srun", f"--mpi={plugin}", "--ntasks", str(ranks)]
    print(f"noxflow-sweep: srun offers no '{plugin}' MPI plugin (srun --mpi=list: "
          f"{' '.join(offered) or r.returncode}); starting the ranks with mpirun, "
          "which reads the Slurm allocation", flush=True)
    return ["mpirun", "-np", str(ranks)]


def _local_launcher(ranks):
    if ranks == 1:
        return []
    mpirun = os.environ.get("NOXFLOW_SWEEP_MPIRUN", "mpirun").split()
    return mpirun + ["-np", str(ranks)]


def _write_status(out, text):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "status"), "w") as f:
        f.write(text + "\n")


def _live_attempt(attempt):
    """Why an earlier attempt may still be running, or None."""
    if not attempt or "end" in attempt:
        return None
    if attempt.get("slurm_job"):
        mine = os.environ.get("SLURM_ARRAY_JOB_ID", os.environ.get("SLURM_JOB_ID"))
        job = attempt["slurm_job"].split("_")[0]
        if job != mine and shutil.which("squeue"):
            r = subprocess.run(["squeue", "-h", "-r", "-o", "%i", "-j", job],
                               capture_output=True, text=True, check=False)
            if attempt["slurm_job"] in r.stdout.split():
                return f"Slurm job {attempt['slurm_job']} is still running it"
        return None
    if attempt.get("host") == socket.gethostname():
        try:
            os.kill(attempt["pid"], 0)
            return f"process {attempt['pid']} is still running it"
        except ProcessLookupError:
            return None
        except PermissionError:
            return f"process {attempt['pid']} is still running it"
    return None


def run_point(directory, index, log=None):
    """Runs point `index` unless it has completed intact; returns the exit code."""
    sd = SweepDir(directory)
    if not 0 <= index < sd.n_points:
        raise SweepError(f"point {index} does not exist; the sweep has points "
                         f"0 to {sd.n_points - 1}")
    run = sd.run_dir(index)
    out = os.path.join(run, "output")
    status = sd.status_line(index)
    if status and status.startswith("completed"):
        damage = completed_damage(out)
        if not damage:
            print(f"point {index}: already completed, not run again ({out})", flush=True)
            return 0
        # status counts it failed; its output is kept in failed-K below.
        print(f"point {index}: completed but damaged ({damage}); running it again",
              flush=True)
    live = _live_attempt(sd.read_json(index, "attempt.json"))
    if live:
        print(f"point {index}: {live}; not started again", flush=True)
        return 1
    if os.path.exists(out):
        # Keep a failed or interrupted attempt; never reuse its folder.
        k = 1
        while os.path.exists(os.path.join(run, f"failed-{k}")):
            k += 1
        os.rename(out, os.path.join(run, f"failed-{k}"))
        if os.path.exists(os.path.join(run, "attempt.json")):
            os.rename(os.path.join(run, "attempt.json"),
                      os.path.join(run, f"failed-{k}", "attempt.json"))

    ranks = int(os.environ.get("SLURM_NTASKS", 0)) or sd.point(index)["ranks"]
    under_slurm = "SLURM_JOB_ID" in os.environ
    launcher = _slurm_launcher(ranks) if under_slurm else _local_launcher(ranks)
    cmd = launcher + [sd.meta["noxflow"], os.path.join(run, "case.prm"), "--output", out]

    attempt = {"point": index, "host": socket.gethostname(), "pid": os.getpid(),
               "start": _now(), "command": cmd}
    if under_slurm:
        job = os.environ.get("SLURM_ARRAY_JOB_ID")
        task = os.environ.get("SLURM_ARRAY_TASK_ID")
        attempt["slurm_job"] = f"{job}_{task}" if job else os.environ["SLURM_JOB_ID"]
        attempt["slurm_log"] = os.path.join(
            sd.dir, "logs", f"{os.environ.get('SLURM_JOB_NAME', '')}_{job}_{task}.log")
    if log:
        attempt["log"] = log
    attempt_file = os.path.join(run, "attempt.json")
    with open(attempt_file, "w") as f:
        json.dump(attempt, f, indent=2)

    caught = []

    def forward(signum, _frame):
        caught.append(signum)
        if child.poll() is None:
            child.send_signal(signum)

    logf = open(log, "a") if log else None
    print(f"point {index}: {' '.join(cmd)}", file=logf or sys.stdout, flush=True)
    tail = collections.deque(maxlen=20)
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, errors="replace")
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, forward)
    for line in child.stdout:
        (logf or sys.stdout).write(line)
        if line.strip():
            tail.append(line.strip())
    rc = child.wait()
    if logf:
        logf.flush()

    status = sd.status_line(index) or ""
    reason = None
    if caught:
        name = signal.Signals(caught[0]).name
        reason = (f"killed by {name} (scancel, time limit, node failure or Ctrl-C) "
                  f"after start at {attempt['start']}")
    elif rc != 0 and not status.startswith("failed"):
        errors = [t for t in tail if "rror" in t] or list(tail)
        last = errors[-1] if errors else "no output"
        kind = "invalid input" if rc == 2 else f"exit code {rc}"
        reason = f"{kind}: {last}"
    if reason and not status.startswith("failed"):
        _write_status(out, "failed: " + reason)
    attempt.update({"end": _now(), "exit_code": rc,
                    "signal": signal.Signals(caught[0]).name if caught else None})
    with open(attempt_file, "w") as f:
        json.dump(attempt, f, indent=2)
    final = sd.status_line(index) or f"exit code {rc}"
    print(f"point {index}: {final}", flush=True)
    if logf:
        logf.close()
    if caught:
        return 128 + caught[0]
    return rc


def run_local(directory, points, jobs, script):
    """Runs `points` with GNU parallel, `jobs` at a time; returns the number
    of points that did not complete."""
    if not shutil.which("parallel"):
        raise SweepError("GNU parallel not found; install it (Debian: apt-get install parallel)")
    sd = SweepDir(directory)
    if not points:
        print("nothing to run")
        return 0
    joblog = os.path.join(sd.dir, "logs",
                          "parallel-" + datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
                          + f"-{os.getpid()}.log")
    cmd = ["parallel", "--will-cite", "--jobs", str(jobs), "--line-buffer", "--halt", "never",
           "--joblog", joblog, "-q",
           sys.executable, script, "run-point", "--log",
           os.path.join(sd.dir, "runs", "{}", "run.log"), sd.dir, "{}", ":::"]
    cmd += [run_name(i) for i in points]
    print(f"running {len(points)} point(s), {jobs} at a time (GNU parallel; log {joblog}); "
          f"each run logs to runs/NNNN/run.log", flush=True)
    r = subprocess.run(cmd, check=False)
    # parallel's exit code is the number of failed jobs (capped at 101).
    return r.returncode
