#!/usr/bin/python3
"""noxflow-sweep on damaged run folders, without the solver: a stand-in
noxflow expands a sweep, the test damages the runs' outputs (summary.tsv
missing, empty, binary, a directory, header only, a row cut mid-number, a
short row, a field that is no number; status binary; parameters.prm
missing) and checks that status reports each as failed in one line, that
aggregate takes only the intact run and names each skipped run in one line
on stderr, that run-point runs a damaged completed run again, and that
expand refuses huge or malformed ranges at once with exit code 2. Nowhere a
Python traceback.

Usage: damaged_runs_test.py SOURCE_DIR"""
import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time

source = sys.argv[1]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import check, finish  # noqa: E402

SWEEP = [sys.executable, os.path.join(source, "cluster", "noxflow-sweep")]
HEADER = "step\tcontrol\tU_cell_V\tj_cathode_mA_cm2\n"
ROWS = "0\t20\t1.5\t-20\n1\t50\t2.25\t-1.5e-15\n"
BASE = "subsection Flow\n  set Mean velocity = 0.02\nend\n"
# A run of the stand-in noxflow writes this intact output.
FAKE_NOXFLOW = f"""#!{sys.executable}
import os, sys
if sys.argv[1] == "--print-parameters":
    sys.exit(0)
out = sys.argv[3]
os.makedirs(out, exist_ok=True)
open(os.path.join(out, "parameters.prm"), "w").write({BASE!r})
open(os.path.join(out, "summary.tsv"), "w").write({HEADER + ROWS!r})
open(os.path.join(out, "status"), "w").write("completed\\n")
"""

# Point -> (status file content, summary.tsv content or None or "DIR",
# the reason status must give, or None for a run that is not failed).
CUT = HEADER + ROWS[:-2]  # the last row ends in -1.5e-1, no newline
CASES = {
    0: (b"completed\n", HEADER + ROWS, None),
    1: (b"completed\n", None, "damaged: summary.tsv: missing"),
    2: (b"completed\n", "", "damaged: summary.tsv: empty"),
    3: (b"completed\n", b"\x89HDF\r\n\x1a\n\0\0\xff", "damaged: summary.tsv: binary"),
    4: (b"completed\n", "DIR", "damaged: summary.tsv: a directory"),
    5: (b"completed\n", HEADER, "damaged: summary.tsv: a header but no rows"),
    6: (b"completed\n", CUT, "damaged: summary.tsv line 3: cut off"),
    7: (b"completed\n", HEADER + "0\t20\t1.5\n" + ROWS, "damaged: summary.tsv line 2: 3 fields"),
    8: (b"completed\n", HEADER + "0\t20\t1.5\t-1.5e-\n",
        "damaged: summary.tsv line 2: j_cathode_mA_cm2 = '-1.5e-' is not a number"),
    9: (b"\0\0\0\0", HEADER + ROWS, "damaged: output/status is binary"),
    10: (b"completed\n", HEADER + ROWS, "damaged: parameters.prm: missing"),
    11: (b"running\n", HEADER, None),   # a live run that has not finished a point
    12: (b"failed: target 50 unreachable\n", HEADER, "target 50 unreachable"),
    13: (b"running\n", HEADER, "ended without finishing the run"),  # its process died
}
# A pid that no longer runs, for point 13 (waited for through its Popen:
# a bare os.waitpid races with subprocess's own reaping of dropped children).
_dead = subprocess.Popen(["true"])
_dead.wait()
DEAD_PID = _dead.pid
N = len(CASES)


def run(args):
    """(exit code, stdout, stderr, seconds) of noxflow-sweep ARGS."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLURM_")}
    t = time.monotonic()
    try:
        r = subprocess.run(SWEEP + args, capture_output=True, text=True, env=env, timeout=30)
    except subprocess.TimeoutExpired:
        return None, "", "timed out after 30 s", time.monotonic() - t
    return r.returncode, r.stdout, r.stderr, time.monotonic() - t


def no_traceback(what, out, err):
    return check("Traceback" not in out + err, f"{what}: Python traceback:\n{err[-2000:]}")


def write(path, content):
    with open(path, "wb") as f:
        f.write(content if isinstance(content, bytes) else content.encode())


def damage(d):
    """Gives each run folder of sweep d its case's output."""
    for i, (status, summary, _) in CASES.items():
        out = os.path.join(d, "runs", f"{i:04d}", "output")
        os.makedirs(out)
        write(os.path.join(out, "status"), status)
        if i != 10:
            write(os.path.join(out, "parameters.prm"), BASE)
        if summary == "DIR":
            os.makedirs(os.path.join(out, "summary.tsv"))
        elif summary is not None:
            write(os.path.join(out, "summary.tsv"), summary)
        attempt = {"point": i, "host": socket.gethostname(), "pid": os.getpid(), "start": "x"}
        if i == 13:
            attempt["pid"] = DEAD_PID
        elif i != 11:  # 11 is still running: this test's own pid
            attempt.update(end="y", exit_code=0 if status.startswith(b"completed") else 1)
        with open(os.path.join(d, "runs", f"{i:04d}", "attempt.json"), "w") as f:
            json.dump(attempt, f)


def check_status(d):
    rc, out, err, _ = run(["status", d])
    print(f"status (exit {rc}):\n{out}{err}", end="")
    no_traceback("status", out, err)
    check(rc == 1, f"status: exit code {rc}, expected 1 (failed points)")
    failed = sum(1 for c in CASES.values() if c[2])
    check(f"1 done, 1 running, {failed} failed, 0 pending" in out, f"status counts:\n{out}")
    lines = out.splitlines()
    check(len(lines) == 1 + failed, f"status: not one line per failed run:\n{out}")
    for i, (_, _, reason) in CASES.items():
        mine = [l for l in lines if l.strip().startswith(f"{i:04d} ")]
        if reason:
            check(len(mine) == 1 and "failed" in mine[0] and reason in mine[0],
                  f"status: point {i} should be one line 'failed ... {reason}': {mine}")
        else:
            check(not mine, f"status: point {i} is not failed: {mine}")
    rc, out, err, _ = run(["status", "-v", d])
    no_traceback("status -v", out, err)
    check(len(out.splitlines()) == 1 + N, f"status -v: not one line per point:\n{out}")
    check(any(l.strip().startswith("0011 running") for l in out.splitlines()),
          f"status -v: the live header-only run should be running:\n{out}")


def check_aggregate(d):
    rc, out, err, _ = run(["aggregate", "--no-plots", d])
    print(f"aggregate (exit {rc}):\n{out}{err}", end="")
    no_traceback("aggregate", out, err)
    check(rc == 0, f"aggregate: exit code {rc}\n{err}")
    check("2 rows from 1 finished run(s)" in out, f"aggregate: only point 0 is finished:\n{out}")
    damaged = [i for i, c in CASES.items() if c[2] and c[2].startswith("damaged")]
    lines = err.splitlines()
    check(len(lines) == len(damaged), f"aggregate: not one stderr line per damaged run:\n{err}")
    for i in damaged:
        mine = [l for l in lines if f"point {i:04d} skipped" in l]
        check(len(mine) == 1 and CASES[i][2] in mine[0],
              f"aggregate: point {i} should be skipped with '{CASES[i][2]}': {mine}")
    path = os.path.join(d, "results", "sweep.csv")
    if not check(os.path.isfile(path), "aggregate wrote no results/sweep.csv"):
        return
    with open(path, newline="") as f:
        table = list(csv.DictReader(f))
    check({r["point"] for r in table} == {"0"}, f"table has points {[r['point'] for r in table]}")
    column = [r.get("j_cathode_mA_cm2") for r in table]
    check(column == ["-20", "-1.5e-15"], f"table values: {column}")
    check("-1.5e-1" not in column, "the cut number -1.5e-1 was aggregated")


def check_rerun(d):
    """run-point keeps a damaged completed run in failed-1/ and runs it again;
    it never reruns an intact one."""
    rc, out, err, _ = run(["run-point", d, "6"])
    no_traceback("run-point 6", out, err)
    check(rc == 0 and "completed but damaged" in out, f"run-point 6: exit {rc}\n{out}{err}")
    kept = os.path.join(d, "runs", "0006", "failed-1", "summary.tsv")
    check(os.path.isfile(kept) and open(kept).read() == CUT, "the damaged output is not kept")
    rc, out, err, _ = run(["run-point", d, "0"])
    check(rc == 0 and "already completed" in out, f"run-point 0 reran an intact run:\n{out}")
    rc, out, err, _ = run(["status", "-v", d])
    check(any(l.strip().startswith("0006 done") for l in out.splitlines()),
          f"point 6 not done after its rerun:\n{out}")


def expand_fails(work, name, parameters, pattern, options=()):
    """expand of a sweep with these [parameters] lines exits 2 at once with
    one line naming `pattern`, and leaves no folder."""
    sweep = os.path.join(work, name + ".sweep")
    write(sweep, 'base = "base.prm"\n[parameters]\n' + parameters + "\n")
    out = os.path.join(work, "out-" + name)
    rc, so, err, seconds = run(["expand", sweep, "-o", out, "--no-check",
                                "--noxflow", os.path.join(work, "noxflow"), *options])
    no_traceback(f"expand {name}", so, err)
    check(rc == 2, f"expand {name}: exit code {rc}, expected 2\n{err}")
    check(seconds < 5, f"expand {name}: {seconds:.1f} s, expected an instant refusal")
    check(len(err.strip().splitlines()) == 1 and pattern in err,
          f"expand {name}: expected one line with '{pattern}':\n{err}")
    check(not any(f.startswith("out-" + name) for f in os.listdir(work)),
          f"expand {name}: a sweep folder was left behind")
    print(f"expand {name}: {err.strip()} ({seconds:.2f} s)")


def check_expand(work):
    v = '"Flow/Mean velocity"'
    expand_fails(work, "num_1e9", v + " = { start = 0.01, stop = 0.1, num = 1e9 }",
                 "'Flow/Mean velocity': num = 1000000000.0 gives 1e+09 values")
    expand_fails(work, "num_int", v + " = { start = 0.01, stop = 0.1, num = 1_000_000_000 }",
                 "--max-points")
    expand_fails(work, "tiny_step", v + " = { start = 0.0, stop = 1.0, step = 1e-300 }",
                 "'Flow/Mean velocity': step = 1e-300")
    expand_fails(work, "product", v + " = { start = 0.01, stop = 0.1, num = 1000 }\n"
                 '"Flow/Other" = { start = 1, stop = 2, num = 1000 }',
                 "1000000 points (1000 'Flow/Mean velocity' x 1000 'Flow/Other')")
    for name, num in (("num_half", "2.5"), ("num_zero", "0"), ("num_negative", "-3"),
                      ("num_bool", "true"), ("num_text", '"3"'), ("num_inf", "inf")):
        expand_fails(work, name, v + f" = {{ start = 0.01, stop = 0.1, num = {num} }}",
                     "give a whole number of values >= 1")
    expand_fails(work, "start_text", v + ' = { start = "a", stop = 0.1, num = 3 }',
                 "start = 'a'; give a finite number")
    expand_fails(work, "over_option", v + " = [0.01, 0.02, 0.03]", "more than the limit of 2",
                 ("--max-points", "2"))
    rc, _, err, _ = run(["expand", os.path.join(work, "num_1e9.sweep"), "--max-points", "0"])
    check(rc == 2 and "--max-points" in err and "Traceback" not in err,
          f"--max-points 0: exit {rc}\n{err}")


with tempfile.TemporaryDirectory() as work:
    write(os.path.join(work, "base.prm"), BASE)
    write(os.path.join(work, "noxflow"), FAKE_NOXFLOW)
    os.chmod(os.path.join(work, "noxflow"), 0o755)
    write(os.path.join(work, "ok.sweep"), 'base = "base.prm"\n[parameters]\n'
          f'"Flow/Mean velocity" = {{ start = 0.01, stop = 0.13, num = {N} }}\n')
    d = os.path.join(work, "sw")
    rc, out, err, _ = run(["expand", os.path.join(work, "ok.sweep"), "-o", d, "--no-check",
                           "--noxflow", os.path.join(work, "noxflow")])
    if check(rc == 0, f"expand of a {N}-point sweep failed:\n{err}"):
        damage(d)
        check_status(d)
        check_aggregate(d)
        check_rerun(d)
    check_expand(work)
finish()
