#!/usr/bin/python3
"""Fields written under mpirun -np 2 are readable with h5py and consistent:
the XDMF index names existing files and datasets, every node has all fields,
and the written concentrations satisfy electroneutrality. The electrode
current distributions (nodal) integrate by the trapezoidal rule to the
summary's electrode currents to 1e-8 and keep one sign.

Usage: hdf5_output_test.py NOXFLOW SOURCE_DIR MPIRUN..."""
import os
import re
import subprocess
import sys
import tempfile

import h5py
import numpy as np

noxflow, source, mpirun = sys.argv[1], sys.argv[2], sys.argv[3:]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import check, finish  # noqa: E402


with tempfile.TemporaryDirectory() as work:
    case = open(os.path.join(source, "cases/channel_nitrate/channel_nitrate.prm")).read()
    case = case.replace("set Global refinements = 1", "set Global refinements = 0")
    case = re.sub(r"set Targets\s*=.*", "set Targets = 20, 50", case)
    with open(os.path.join(work, "case.prm"), "w") as f:
        f.write(case)
    out = os.path.join(work, "out")
    run = subprocess.run(mpirun + ["-np", "2", noxflow, os.path.join(work, "case.prm"),
                                   "--output", out], capture_output=True, text=True)
    check(run.returncode == 0, "noxflow failed: " + run.stderr[-500:])

    import csv  # noqa: E402
    rows = list(csv.DictReader(open(os.path.join(out, "summary.tsv")), delimiter="\t"))
    targets = [r for r in rows if float(r["control"]) in (20.0, 50.0)]
    for k, row in enumerate(targets):
        for electrode in ("cathode", "anode"):
            samples = np.loadtxt(os.path.join(out, "electrode_%s-%04d.tsv" % (electrode, k)),
                                 skiprows=1, ndmin=2)
            x, j = samples[:, 0], samples[:, -1]
            mean = np.sum(0.5 * (j[1:] + j[:-1]) * np.diff(x)) / (x[-1] - x[0])
            want = float(row["j_%s_mA_cm2" % electrode]) * 10.0
            check(abs(mean - want) <= 1e-8 * abs(want),
                  f"{electrode} at {row['control']}: distribution mean {mean} A/m2, summary {want}")
            check(np.all(np.sign(j) == np.sign(want)),
                  f"{electrode} at {row['control']}: local current changes sign "
                  f"(range {j.min()} .. {j.max()} A/m2)")

    xdmf = open(os.path.join(out, "fields", "fields.xdmf")).read()
    references = re.findall(r"([\w.-]+\.h5):/([\w+-]+)", xdmf)
    check(len(set(r[0] for r in references)) == 3, "XDMF should name mesh.h5 and two field files")
    for filename, dataset in references:
        with h5py.File(os.path.join(out, "fields", filename), "r") as f:
            check(dataset in f, f"{filename} lacks {dataset}")
    stray = [f for f in os.listdir(out) if f.startswith(("fields", "mesh")) and f != "fields"]
    check(not stray, f"field files outside fields/: {stray}")

    with h5py.File(os.path.join(out, "fields", "mesh.h5"), "r") as mesh:
        n_nodes = mesh["nodes"].shape[0]
    with h5py.File(os.path.join(out, "fields", "fields-0001.h5"), "r") as f:
        expected = ["c_K+", "c_OH-", "c_NO3-", "c_NO2-", "c_NH3", "pH", "phi_l",
                    "current_density", "mpi_rank"]
        for name in expected:
            check(name in f and f[name].shape[0] == n_nodes, f"field {name} missing or short")
        c = {name: f[name][:, 0] for name in expected[:5]}
        charge = c["c_K+"] - c["c_OH-"] - c["c_NO3-"] - c["c_NO2-"]
        check(np.max(np.abs(charge)) < 1e-6 * 1100, f"fields not electroneutral: {np.max(np.abs(charge))}")
        check(np.all(np.isfinite(f["phi_l"][:])), "phi_l not finite")
        check(13.9 < f["pH"][:].min() and f["pH"][:].max() < 14.2, "pH outside 13.9..14.2")
        check(set(np.unique(f["mpi_rank"][:])) == {0.0, 1.0}, "mpi_rank should show both ranks")

    # The .pvtu series: one record per target, one piece per rank.
    pvd = open(os.path.join(out, "fields", "fields.pvd")).read()
    pvtus = re.findall(r'file="([\w.-]+\.pvtu)"', pvd)
    check(pvtus == ["fields_0000.pvtu", "fields_0001.pvtu"],
          f"fields.pvd should list two .pvtu files: {pvtus}")
    for p in pvtus:
        text = open(os.path.join(out, "fields", p)).read()
        pieces = re.findall(r'Source="([\w.-]+\.vtu)"', text)
        check(len(pieces) == 2, f"{p} should have one piece per rank: {pieces}")
        for piece in pieces:
            check(os.path.getsize(os.path.join(out, "fields", piece)) > 0, f"{piece} empty")
        check('Name="pH"' in text and 'Name="c_NO3-"' in text, f"{p} lacks pH or c_NO3-")

finish()
