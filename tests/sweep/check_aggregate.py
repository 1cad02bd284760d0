#!/usr/bin/env python3
"""Checks a sweep's results/sweep.csv against the runs' own summary.tsv and
case files. Usage: check_aggregate.py SWEEP_DIR N_RUNS"""
import csv
import json
import os
import sys

sweep, n_runs = sys.argv[1], int(sys.argv[2])
errors = []
with open(os.path.join(sweep, "results", "sweep.csv"), newline="") as f:
    rows = list(csv.DictReader(f))
meta = json.load(open(os.path.join(sweep, "sweep.json")))
by_run = {}
for r in rows:
    by_run.setdefault(int(r["point"]), []).append(r)
if sorted(by_run) != list(range(n_runs)):
    errors.append(f"runs in the table: {sorted(by_run)}, expected 0..{n_runs - 1}")
for i, table_rows in sorted(by_run.items()):
    run = os.path.join(sweep, "runs", f"{i:04d}")
    point = json.load(open(os.path.join(run, "point.json")))
    with open(os.path.join(run, "output", "summary.tsv")) as f:
        lines = [l.rstrip("\n").split("\t") for l in f if l.strip()]
    header, summary = lines[0], lines[1:]
    if len(summary) != len(table_rows):
        errors.append(f"point {i}: {len(table_rows)} rows in the table, {len(summary)} in summary.tsv")
    for k, (row, srow) in enumerate(zip(table_rows, summary)):
        for c, v in zip(header, srow):
            if row[c] != v:
                errors.append(f"point {i} row {k}: {c} = {row[c]} in the table, {v} in summary.tsv")
        for p in meta["swept"]:
            if row[p] != point["swept"][p]:
                errors.append(f"point {i}: {p} = {row[p]}, the run has {point['swept'][p]}")
        s = dict(zip(header, srow))
        fe = 8 / 6 * float(s["FE_nitrite_to_ammonia"])
        conv = 1 - float(s["cout_NO3-_mM"]) / float(point["swept"]["Species/NO3-/Inlet concentration"])
        for name, want in (("FE_NH3", fe), ("nitrate_conversion", conv),
                           ("pH_surface", float(s["pH_cathode"]))):
            if abs(float(row[name]) - want) > 1e-9 * max(1, abs(want)):
                errors.append(f"point {i} row {k}: {name} = {row[name]}, expected {want}")
    targets = [r["control"] for r in table_rows if r["at_target"] == "1"]
    if [float(t) for t in targets] != [20.0, 50.0]:
        errors.append(f"point {i}: rows at targets {targets}, expected 20 and 50")
for q in ("U_cell_V", "FE_NH3", "pH_surface", "nitrate_conversion"):
    png = os.path.join(sweep, "results", f"{q}.png")
    if not os.path.isfile(png) or os.path.getsize(png) < 1000:
        errors.append(f"plot {png} missing")
for e in errors[:20]:
    print("FAIL:", e)
print(f"aggregate check: {len(rows)} rows of {len(by_run)} runs, {len(errors)} error(s)")
sys.exit(1 if errors else 0)
