"""State of each point: done, running, failed (with the reason) or pending,
from the run folders' status files, the attempt records and squeue. A run
that says completed is done only if its summary.tsv and parameters.prm are
intact; else it failed as 'damaged: <why>'."""

import os
import socket

from .layout import SweepDir
from .slurm import queue
from .summary import completed_damage

DONE, RUNNING, FAILED, PENDING = "done", "running", "failed", "pending"
NOT_STARTED = "not started"  # the detail of a pending point that is not queued


def _alive(pid):
    if not isinstance(pid, int):  # a damaged attempt.json
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _slurm_end_line(log):
    """Slurm's own line about a killed job ('*** JOB 12 ON n1 CANCELLED AT ...')."""
    try:
        with open(log, errors="replace") as f:
            lines = [l.strip() for l in f if "***" in l and ("CANCELLED" in l or "LIMIT" in l)]
        lines.sort(key=lambda l: "*** JOB" not in l)
        return lines[0].split("***")[1].strip() if lines else None
    except (OSError, TypeError):
        return None


def states(directory):
    """[(point, state, detail)]."""
    sd = SweepDir(directory)
    subs = sd.submissions()
    q = queue({j for j, _, _ in subs})
    # The last array job that ran each point.
    last_job = {}
    for job, kind, pts in subs:
        if kind == "array":
            for p in pts:
                last_job[p] = job
    host = socket.gethostname()
    out = []
    for i in range(sd.n_points):
        status = sd.status_line(i) or ""
        attempt = sd.read_json(i, "attempt.json")
        attempt = attempt if isinstance(attempt, dict) else {}
        task = f"{last_job[i]}_{i}" if i in last_job else None
        in_queue = q.get(task) if (q is not None and task) else None
        if status.startswith("completed"):
            damage = completed_damage(os.path.join(sd.run_dir(i), "output"))
            if not damage:
                out.append((i, DONE, ""))
                continue
            # Not finished after all: resubmit may run it again.
            status = "damaged: " + damage
        # A resubmitted point is queued while its last attempt still says failed.
        if in_queue and in_queue[0] == "PENDING":
            out.append((i, PENDING, f"queued as {task} ({in_queue[1]})"))
        elif in_queue:
            out.append((i, RUNNING, f"{task} {in_queue[0].lower()}"))
        elif status.startswith("damaged"):
            out.append((i, FAILED, status))
        elif status.startswith("failed"):
            reason = status.partition(":")[2].strip() or status
            slurm_says = _slurm_end_line(attempt.get("slurm_log"))
            if slurm_says:
                reason += f" [Slurm: {slurm_says}]"
            out.append((i, FAILED, reason))
        elif attempt and "end" not in attempt:
            # Started, not finished, and no longer queued: find out whether it lives.
            if attempt.get("slurm_job"):
                if q is None:
                    out.append((i, RUNNING, f"{attempt['slurm_job']} (squeue unavailable)"))
                    continue
                why = _slurm_end_line(attempt.get("slurm_log"))
                out.append((i, FAILED, f"Slurm job {attempt['slurm_job']} ended while the run "
                            f"was running ({why or 'cancelled, time limit or node failure'}); "
                            f"log {attempt.get('slurm_log')}"))
            elif attempt.get("host") == host and not _alive(attempt.get("pid")):
                out.append((i, FAILED, f"process {attempt.get('pid')} on {host} ended without "
                            "finishing the run (killed?)"))
            else:
                out.append((i, RUNNING, f"pid {attempt.get('pid')} on {attempt.get('host')}"))
        elif attempt:
            out.append((i, FAILED, f"the run ended (exit code {attempt.get('exit_code')}) "
                        f"with status '{status or 'none'}'"))
        elif task and q is not None:
            out.append((i, FAILED, f"Slurm job {task} left the queue without starting "
                        "(cancelled?)"))
        else:
            out.append((i, PENDING, NOT_STARTED))
    return out


def report(directory, verbose=False):
    """Prints counts, every failed point with its reason; returns the states."""
    sd = SweepDir(directory)
    st = states(directory)
    counts = {s: 0 for s in (DONE, RUNNING, FAILED, PENDING)}
    for _, s, _ in st:
        counts[s] += 1
    print(f"{sd.dir}: {sd.n_points} points: " +
          ", ".join(f"{counts[s]} {s}" for s in (DONE, RUNNING, FAILED, PENDING)))
    for i, s, detail in st:
        if s == FAILED or verbose:
            print(f"  {i:04d} {s:8s} {detail}")
    for job, kind, _ in sd.submissions():
        if kind == "aggregate":
            q = queue({job})
            if q and job in q:
                print(f"  aggregation job {job}: {q[job][0].lower()} ({q[job][1]})")
    return st
