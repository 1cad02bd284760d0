#!/usr/bin/env python3
"""Differences at the targets between runs and a reference run.

    compare_targets.py REFERENCE_RUN RUN [RUN ...]

For each RUN (an output folder with summary.tsv and run.log), prints per
target the relative U_cell difference and the largest Faradaic-efficiency
difference (reactions and products) to REFERENCE_RUN, the DoFs the run had
there (from the last 'mesh adapted' line before the target's row, or the
set-up line) and the reference's DoFs over them."""
import csv
import os
import re
import sys


def targets(run):
    """The summary rows at the run's Operation/Targets."""
    text = open(os.path.join(run, "parameters.prm")).read()
    wanted = [float(v) for v in re.search(r"set Targets\s*=\s*([^\n#]*)", text).group(1).split(",")]
    rows = list(csv.DictReader(open(os.path.join(run, "summary.tsv")), delimiter="\t"))
    return {float(r["control"]): r for r in rows if float(r["control"]) in wanted}


def dofs_at_rows(run):
    """DoFs per summary row, from run.log."""
    dofs, out = None, []
    for line in open(os.path.join(run, "run.log")):
        m = re.search(r"(\d+) DoFs, \d+ MPI ranks", line) or re.search(r"mesh adapted: \d+ cells, (\d+) DoFs", line)
        if m:
            dofs = int(m.group(1))
        if re.match(r"\s*step \d+:", line):
            out.append(dofs)
    return out


reference = targets(sys.argv[1])
ref_dofs = dofs_at_rows(sys.argv[1])[-1]
for run in sys.argv[2:]:
    rows = targets(run)
    dofs = dofs_at_rows(run)
    print(f"{run}")
    print(f"  {'target':>7} {'dU/U':>9} {'max dFE':>9} {'DoFs':>8} {'ref/run':>8}")
    worst_u = worst_fe = 0.
    for t, ref in sorted(reference.items()):
        if t not in rows:
            continue
        got = rows[t]
        if int(got["step"]) >= len(dofs):
            continue
        du = abs(float(got["U_cell_V"]) - float(ref["U_cell_V"])) / abs(float(ref["U_cell_V"]))
        dfe = max(abs(float(got[c]) - float(ref[c])) for c in ref if c.startswith("FE_"))
        n = dofs[int(got["step"])]
        worst_u, worst_fe = max(worst_u, du), max(worst_fe, dfe)
        print(f"  {t:7g} {du:9.2e} {dfe:9.2e} {n:8d} {ref_dofs / n:8.2f}")
    print(f"  worst: dU/U {worst_u:.2e}, dFE {worst_fe:.2e}")
