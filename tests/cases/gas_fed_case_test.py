#!/usr/bin/python3
"""Runs the shipped gas-fed NO case (cases/gde_no_gas, coarse mesh) from a
cold start and checks what must hold on any mesh: charge, nitrogen (over
both phases, with the N2O and N2 leaving as gas) and gas balances to 1e-10;
the evolved N2O, N2 and H2 leaving through the GDL at their reactions'
rates; the cathode's FE sum to 1; the NO
the gas feeds, less what leaves dissolved in the catholyte, is what the
NO reactions use (electron counts); no negative concentration; mole
fractions between 0 and the feed's (no overshoot); the gas fields exist.
Key outputs match the committed reference of this mesh
(tests/cases/reference/gde_no_gas.tsv).

With --pure-no the same case is fed pure NO (no carrier: Knudsen and
viscous flow in the GDL) at 100 and 200 mA/cm2, against its own reference;
its nitrogen balance is held to 1e-9, the round-off level of a pure gas's
rows (their conductance is 1e8 times the electrolyte's).

Usage: gas_fed_case_test.py NOXFLOW SOURCE_DIR [--update] [--pure-no] [MPIRUN...]"""
import os
import subprocess
import sys
import tempfile

noxflow, source = sys.argv[1:3]
rest = sys.argv[3:]
update = "--update" in rest
pure_no = "--pure-no" in rest
mpirun = [a for a in rest if a not in ("--update", "--pure-no")]
case = os.path.join(source, "cases", "gde_no_gas", "gde_no_gas.prm")
reference = os.path.join(source, "tests", "cases", "reference",
                         "gde_pure_no.tsv" if pure_no else "gde_no_gas.tsv")
targets = [100.0, 200.0] if pure_no else [20.0, 50.0, 100.0, 150.0, 200.0]
nitrogen_tolerance = 1e-9 if pure_no else 1e-10
keys = ["U_cell_V", "FE_no_to_ammonia", "FE_no_to_n2o", "FE_her",
        "gas_fed_NO_mmol_cm2_h", "gas_fed_N2O_mmol_cm2_h", "conversion_NO",
        "pH_cathode"]
feed_x_no = 1.0 if pure_no else 0.1
faraday = 96485.33212
# NO per electron of each cathode reaction (presets/no_alkaline.prm).
# Gases evolved into the pores: reaction and its electrons per molecule.
evolved = {"N2O": ("no_to_n2o", 2), "N2": ("no_to_n2", 4), "H2": ("her", 2)}
no_per_electron = {"no_to_ammonia": 1 / 5, "no_to_hydroxylamine": 1 / 3,
                   "no_to_n2o": 2 / 2, "no_to_n2": 2 / 4, "her": 0.0}

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import check, finish, rows_at_targets  # noqa: E402


with tempfile.TemporaryDirectory() as work:
    out = os.path.join(work, "out")
    if pure_no:
        pure = os.path.join(work, "pure_no.prm")
        with open(pure, "w") as f:
            f.write(f"include {case}\nsubsection Gas phase\n"
                    "  set Feed composition = NO: 1\nend\n"
                    "subsection Operation\n  set Targets = 100, 200\nend\n")
        case = pure
    run = subprocess.run(mpirun + [noxflow, "--output", out, case],
                         capture_output=True, text=True)
    print(run.stdout[-2500:], run.stderr[-2500:])
    check(run.returncode == 0, f"noxflow exited {run.returncode}")
    if run.returncode != 0:
        sys.exit(1)
    rows = rows_at_targets(os.path.join(out, "summary.tsv"), targets)
    header = open(os.path.join(out, "summary.tsv")).readline().split("\t")
    for r in rows:
        at = f"at {r['control']} mA/cm2"
        for column in ("charge_balance",) + tuple(
                "gas_balance_" + g for g in ("NO",) + tuple(evolved)):
            check(abs(float(r[column])) <= 1e-10, f"{at}: {column} {r[column]}")
        check(abs(float(r["nitrogen_balance"])) <= nitrogen_tolerance,
              f"{at}: nitrogen_balance {r['nitrogen_balance']}")
        fe = {k: float(r["FE_" + k]) for k in no_per_electron}
        check(abs(sum(fe.values()) - 1) < 1e-10, f"{at}: cathode FE sum {fe}")
        # mmol/(cm2 h) of NO used by the reactions, from their currents.
        j = float(r["control"])
        used = sum(fe[k] * no_per_electron[k] for k in fe) * j * 3600 / faraday
        fed = float(r["gas_fed_NO_mmol_cm2_h"])
        converted = fed * float(r["conversion_NO"])
        check(abs(converted - used) <= 1e-8 * used,
              f"{at}: NO fed and converted {converted}, used by the reactions {used}")
        # The evolved gases leave through the GDL (gas_fed < 0), one
        # molecule per reaction: measured at the feed boundary, against the
        # reaction's current.
        for g, (reaction, electrons) in evolved.items():
            made = fe[reaction] * j * 3600 / (electrons * faraday)
            left = -float(r["gas_fed_" + g + "_mmol_cm2_h"])
            check(abs(left - made) <= 1e-8 * made + 1e-12,
                  f"{at}: {g} leaving {left}, evolved by {reaction} {made}")
        for column in header:
            if column.startswith("cmin_"):
                check(float(r[column]) >= -1e-10 * 1000, f"{at}: {column} = {r[column]}")

    import h5py  # noqa: E402  (Debian's python3-h5py)
    with h5py.File(os.path.join(out, "fields", "fields-%04d.h5" % (len(rows) - 1)), "r") as f:
        names = set(f.keys())
        for field in ("x_NO", "p_NO_Pa", "dissolution_NO_mol_m3s", "c_NO",
                      "x_N2O"):
            check(field in names, f"no field {field} in {sorted(names)}")
        if "x_NO" in names:
            x = f["x_NO"][:].ravel()
            # float32 in the file
            check(x.min() >= -1e-7 and x.max() <= feed_x_no * (1 + 1e-6),
                  f"x_NO in [{x.min()}, {x.max()}], feed {feed_x_no}")
        if "x_N2O" in names:
            # Evolved in the catalyst layer, so highest there, 0 at the feed.
            x = f["x_N2O"][:].ravel()
            check(x.min() >= -1e-7 and x.max() > 0, f"x_N2O in [{x.min()}, {x.max()}]")
        if "dissolution_NO_mol_m3s" in names:
            check(f["dissolution_NO_mol_m3s"][:].max() > 0, "no NO dissolves")

    if update:
        with open(reference, "w") as f:
            f.write("control\t" + "\t".join(keys) + "\n")
            for r in rows:
                f.write(r["control"] + "\t" + "\t".join(r[k] for k in keys) + "\n")
        print("wrote", reference)
    else:
        for r, e in zip(rows, rows_at_targets(reference, targets)):
            for k in keys:
                got, want = float(r[k]), float(e[k])
                check(abs(got - want) <= 1e-4 * abs(want) + 1e-6,
                      f"at {r['control']}: {k} = {got}, reference {want}")

finish()
