#!/usr/bin/python3
"""Runs a shipped cell-architecture case (cases/<folder>/<name>.prm on its
coarse shipped mesh) through 200-500 mA/cm2 from a cold start and checks what must
hold for any mesh (charge and nitrogen balance, FE in [0, 1] summing to 1,
no negative concentration (to round-off), surface pH and cell
voltage rising with current; the porous cathode's current distribution, per
projected area along its collector, integrates to the cathode current and is
not zero, and its volumetric current file exists; the porous-electrode
fields exist and the solid potential reaches the summary's cathode potential)
and that the key outputs match the committed
reference of this mesh (tests/cases/reference/<name>.tsv).

Usage: architecture_case_test.py NOXFLOW SOURCE_DIR FOLDER/NAME [--update]
                                 [--iterative=N] [MPIRUN...]
  --update rewrites the reference from this run (after a reviewed change of
  the physics or numerics; say why in the commit).
  --iterative=N runs the transport on the iterative solver (Linear
  solver/Type = iterative; the coarse meshes are below the direct-solver
  limit) and requires at most N FGMRES iterations per Newton step, with
  the same results."""
import os
import subprocess
import sys
import tempfile

noxflow, source, folder_and_name = sys.argv[1:4]
name = os.path.basename(folder_and_name)
rest = sys.argv[4:]
update = "--update" in rest
iterative = [float(a.split("=")[1]) for a in rest if a.startswith("--iterative=")]
mpirun = [a for a in rest if a != "--update" and not a.startswith("--iterative=")]
case = os.path.join(source, "cases", folder_and_name + ".prm")
reference = os.path.join(source, "tests", "cases", "reference", name + ".tsv")
targets = [200.0, 300.0, 400.0, 500.0]
# Key outputs and their tolerances against the reference (relative, and an
# absolute floor for values near zero): the solve converges to 1e-8, so
# 1e-4 leaves room for another MPI layout or BLAS, not for a change of
# physics.
keys = {
    "U_cell_V": 1e-4,
    "phi_s_cathode_V": 1e-4,
    "FE_product_NH3": 1e-4,
    "FE_product_NO2-": 1e-4,
    "FE_her": 1e-4,
    "rate_NH3_mmol_cm2_h": 1e-4,
    "pH_cathode": 1e-4,
    "conversion_NO3-": 1e-4,
    "cmean_cathode_NO3-_mM": 1e-4,
}
absolute_floor = 1e-6

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import check, finish, rows_at_targets  # noqa: E402


with tempfile.TemporaryDirectory() as work:
    out = os.path.join(work, "out")
    if iterative:
        with open(os.path.join(work, "iterative.prm"), "w") as f:
            f.write(f"include {case}\nsubsection Linear solver\n"
                    "  set Type = iterative\nend\n")
        case = os.path.join(work, "iterative.prm")
    command = mpirun + [noxflow, "--output", out, case]
    run = subprocess.run(command, capture_output=True, text=True)
    print(run.stdout[-3000:], run.stderr[-3000:])
    check(run.returncode == 0, f"{name}: noxflow exited {run.returncode}")
    if run.returncode != 0:
        sys.exit(1)
    if iterative:
        metrics = dict(item.split("=") for item in run.stdout.split(
            "metrics:")[-1].split("\n")[0].split())
        per_step = float(metrics["linear"]) / float(metrics["newton"])
        check(per_step <= iterative[0],
              f"{name}: {per_step:.1f} FGMRES iterations per Newton step "
              f"(at most {iterative[0]:g})")
    rows = rows_at_targets(os.path.join(out, "summary.tsv"), targets)
    with open(os.path.join(out, "summary.tsv")) as f:
        header = f.readline().rstrip("\n").split("\t")

    cathode_reactions = ["nitrate_to_nitrite", "nitrite_to_ammonia",
                         "nitrate_to_ammonia", "her"]
    inlet_max = 1500.0  # mol/m3, the largest inlet concentration of the cases
    for r in rows:
        at = f"{name} at {r['control']} mA/cm2"
        check(abs(float(r["charge_balance"])) < 1e-8,
              f"{at}: charge balance {r['charge_balance']}")
        check(abs(float(r["nitrogen_balance"])) < 1e-8,
              f"{at}: nitrogen balance {r['nitrogen_balance']}")
        fe = [float(r["FE_" + k]) for k in cathode_reactions]
        check(all(-1e-12 <= v <= 1 + 1e-12 for v in fe), f"{at}: FE {fe}")
        check(abs(sum(fe) - 1) < 1e-8, f"{at}: cathode FE sum {sum(fe)}")
        products = (float(r["FE_product_NH3"]) + float(r["FE_product_NO2-"])
                    + float(r["FE_her"]))
        check(abs(products - 1) < 1e-8, f"{at}: FE NH3 + NO2- + H2 = {products}")
        check(abs(float(r["j_cathode_mA_cm2"]) + float(r["control"]))
              < 1e-6 * float(r["control"]),
              f"{at}: cathode current {r['j_cathode_mA_cm2']}")
        # The edge fluxes (the default scheme) keep every concentration
        # >= 0: nothing below round-off.
        for column in header:
            if column.startswith("cmin_"):
                check(float(r[column]) >= -1e-10 * inlet_max,
                      f"{at}: {column} = {r[column]}")
    for a, b in zip(rows, rows[1:]):
        check(float(b["pH_cathode"]) > float(a["pH_cathode"]),
              f"{name}: surface pH falls from {a['control']} to {b['control']}")
        check(float(b["U_cell_V"]) > float(a["U_cell_V"]),
              f"{name}: cell voltage falls from {a['control']} to {b['control']}")

    # The porous cathode's distribution at each target (files count the
    # targets): the trapezoidal mean along the collector is the cathode's
    # current density.
    for k, r in enumerate(rows):
        at = f"{name} at {r['control']} mA/cm2"
        path = os.path.join(out, "electrode_cathode-%04d.tsv" % k)
        samples = [list(map(float, line.split("\t")))
                   for line in open(path).read().splitlines()[1:]]
        along = max(range(len(samples[0]) - 1),
                    key=lambda d: max(s[d] for s in samples) - min(s[d] for s in samples))
        points = sorted((s[along], s[-1]) for s in samples)
        integral = sum(0.5 * (b[1] + a[1]) * (b[0] - a[0])
                       for a, b in zip(points, points[1:]))
        mean_ma_cm2 = integral / (points[-1][0] - points[0][0]) / 10.0
        j = float(r["j_cathode_mA_cm2"])
        check(abs(mean_ma_cm2 - j) <= 1e-6 * abs(j),
              f"{at}: distribution mean {mean_ma_cm2} mA/cm2, cathode {j}")
        check(max(abs(p[1]) for p in points) > 0, f"{at}: distribution is zero")
        volume = os.path.join(out, "electrode_cathode_volume-%04d.tsv" % k)
        check(os.path.exists(volume), f"{at}: no {os.path.basename(volume)}")

    # Porous-electrode fields at the last target (HDF5 stores float32).
    import h5py  # noqa: E402  (Debian's python3-h5py)
    with h5py.File(os.path.join(out, "fields", "fields-%04d.h5" % (len(rows) - 1)), "r") as f:
        names = set(f.keys())
        for field in ("phi_s_V", "i_volumetric_A_m3", "region_id", "eta_her_V", "rate_her_A_m2"):
            check(field in names, f"{name}: no field {field} in {sorted(names)}")
        if {"phi_s_V", "i_volumetric_A_m3"} <= names:
            phi_s = f["phi_s_V"][:].ravel()
            cathode = float(rows[-1]["phi_s_cathode_V"])
            check(abs(phi_s - cathode).min() < 1e-5,
                  f"{name}: no node at the cathode potential {cathode} V")
            check(abs(f["i_volumetric_A_m3"][:]).max() > 0,
                  f"{name}: volumetric current is zero")

    if update:
        with open(reference, "w") as f:
            f.write("control\t" + "\t".join(keys) + "\n")
            for r in rows:
                f.write(r["control"] + "\t" + "\t".join(r[k] for k in keys) + "\n")
        print("wrote", reference)
    else:
        expected = rows_at_targets(reference, targets)
        for r, e in zip(rows, expected):
            for k, rtol in keys.items():
                got, want = float(r[k]), float(e[k])
                check(abs(got - want) <= rtol * abs(want) + absolute_floor,
                      f"{name} at {r['control']}: {k} = {got}, reference {want}")

finish()
