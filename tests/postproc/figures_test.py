#!/usr/bin/python3
"""postproc/noxflow-figures on real runs: the channel case on its coarse
mesh (2D under mpirun -np 2, and a small 3D one serially) gives every figure,
each with content (not blank); the NH3 rate follows from the partial current
of the 6 e- nitrite step; the 3D slice covers the channel's cross-section;
two runs share the figures; bad input exits with code 2 and a message naming
the path or option, before any figure is written.

Usage: figures_test.py NOXFLOW SOURCE_DIR MPIRUN..."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import numpy as np

noxflow, source, mpirun = sys.argv[1], sys.argv[2], sys.argv[3:]
script = os.path.join(source, "postproc", "noxflow-figures")
sys.path.insert(0, os.path.join(source, "postproc"))
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.image  # noqa: E402

from noxflow_figures import fields  # noqa: E402
from noxflow_figures.nh3 import FARADAY, nh3_rate, nh3_reactions  # noqa: E402
from noxflow_figures.run import Run  # noqa: E402

FIGURES = ["polarization.png", "faradaic_efficiency.png", "surface.png",
           "current_distribution.png"]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import check, finish  # noqa: E402


def case(work, name, changes, ranks):
    """Runs the default case with `changes` (regex -> replacement)."""
    text = open(os.path.join(source, "cases/channel_nitrate/channel_nitrate.prm")).read()
    for pattern, replacement in changes:
        text = re.sub(pattern, replacement, text)
    prm = os.path.join(work, name + ".prm")
    with open(prm, "w") as f:
        f.write(text)
    out = os.path.join(work, name)
    command = ([noxflow] if ranks == 1 else mpirun + ["-np", str(ranks), noxflow])
    run = subprocess.run(command + [prm, "--output", out], capture_output=True, text=True)
    check(run.returncode == 0, f"noxflow {name} failed: {run.stdout[-300:]} {run.stderr[-300:]}")
    return out


def figures(*args):
    run = subprocess.run(["/usr/bin/python3", script, *args], capture_output=True, text=True)
    print("$ noxflow-figures", " ".join(args), f"-> {run.returncode}\n{run.stderr}", end="")
    return run


def not_blank(path):
    """A PNG with drawn data: pixel spread, many distinct colours, and
    coloured pixels (axes, labels and an empty frame are grey; a curve has
    over 3000 coloured pixels at 150 dpi, a map covers a fifth of the image)."""
    if not os.path.isfile(path):
        return False, "missing"
    pixels = matplotlib.image.imread(path)[..., :3]
    colours = len(np.unique(pixels.reshape(-1, 3), axis=0))
    coloured = (pixels.max(axis=-1) - pixels.min(axis=-1) > 0.25).mean()
    enough = 0.2 if os.path.basename(path).startswith("maps_") else 1000 / pixels[..., 0].size
    return (pixels.std() > 0.05 and colours > 100 and coloured > enough,
            f"std {pixels.std():.3f}, {colours} colours, {coloured:.2%} coloured")


def expect_error(args, out, *words):
    run = figures(*args, "--out", out)
    check(run.returncode == 2, f"{args}: exit code {run.returncode}, expected 2")
    for w in words:
        check(w in run.stderr, f"{args}: the message lacks '{w}': {run.stderr}")
    check(not os.path.exists(out), f"{args}: figures were written despite the error")


with tempfile.TemporaryDirectory() as work:
    coarse = [(r"set Global refinements = 1", "set Global refinements = 0")]
    run2d = case(work, "channel2d",
                 coarse + [(r"set Targets\s*=.*", "set Targets = 20, 50")], 2)
    run3d = case(work, "channel3d", coarse + [
        (r"set Dimension\s*=.*", "set Dimension = 3"),
        (r"set Model\s*=.*", "set Model = prescribed"),
        (r"set Cells inlet\s*=.*", "set Cells inlet = 3"),
        (r"set Cells electrode\s*=.*", "set Cells electrode = 12"),
        (r"set Cells outlet\s*=.*", "set Cells outlet = 3"),
        (r"set Cells height\s*=.*", "set Cells height = 10\n    set Cells width = 3"),
        (r"set Targets\s*=.*", "set Targets = 20, 50")], 1)

    # 2D: every figure, the maps at the target nearest 48 mA/cm2: maps_50.png.
    out = os.path.join(work, "fig2d")
    run = figures(run2d, "--out", out, "--at", "48")
    check(run.returncode == 0, f"2D figures failed: {run.stderr}")
    for name in FIGURES + ["maps_50.png"]:
        ok, why = not_blank(os.path.join(out, name))
        check(ok, f"2D {name} blank or missing ({why})")

    # The NH3 rate: the 6 e- nitrite step, recognised from parameters.prm.
    r = Run(run2d)
    reactions = nh3_reactions(r, ["NH3", "NH4+"])
    check(reactions == [("nitrite_to_ammonia", 6.0, 1.0)], f"NH3 reactions: {reactions}")
    expected = -r.column("j_nitrite_to_ammonia_mA_cm2") * 3600 / (6 * FARADAY)
    check(np.allclose(nh3_rate(r, reactions), expected, rtol=1e-12),
          "NH3 rate differs from j(nitrite_to_ammonia) / (6 F)")
    check(list(r.column("control")[r.targets]) == [20, 50], "target rows not found")

    # 3D: default mid-plane slice and a slice across the flow; the cut
    # covers the channel section (14 x 2 mm, 2 x 2 mm).
    out = os.path.join(work, "fig3d")
    for extra in ([], ["--slice", "x=7e-3", "--at", "20"]):
        run = figures(run3d, "--out", out, *extra)
        check(run.returncode == 0, f"3D figures {extra} failed: {run.stderr}")
    for name in FIGURES + ["maps_50.png", "maps_20.png"]:
        ok, why = not_blank(os.path.join(out, name))
        check(ok, f"3D {name} blank or missing ({why})")
    nodes, cells, values = fields.load(Run(run3d).fields[-1], ["pH"])
    for axis, position, area in [(2, 1e-3, 28e-6), (0, 7e-3, 4e-6), (2, 0.0, 28e-6)]:
        p, t, _ = fields.slice_3d(nodes, cells, values, axis, position)
        a, b = p[t[:, 1]] - p[t[:, 0]], p[t[:, 2]] - p[t[:, 0]]
        cut = 0.5 * np.abs(a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0]).sum()
        check(abs(cut - area) < 1e-9 * area,
              f"slice {axis}={position}: area {cut}, expected {area}")

    # Two runs in one set of figures; a run folder without parameters.prm
    # takes its targets from fields.xdmf and its NH3 reactions from the option.
    bare = os.path.join(work, "bare")
    shutil.copytree(run2d, bare, ignore=shutil.ignore_patterns("parameters.prm", "checkpoint-*"))
    out = os.path.join(work, "fig2runs")
    run = figures(run2d, bare, "--label", "with prm", "--label", "without", "--out", out,
                  "--all-steps", "--at", "20", "--nh3-reactions", "nitrite_to_ammonia:6")
    check(run.returncode == 0, f"two runs failed: {run.stderr}")
    for name in FIGURES + ["maps_20.png"]:
        ok, why = not_blank(os.path.join(out, name))
        check(ok, f"two runs: {name} blank or missing ({why})")

    # Bad input.
    empty = os.path.join(work, "empty")
    os.makedirs(empty)
    expect_error([os.path.join(work, "nonexistent")], os.path.join(work, "e1"),
                 "nonexistent: no such directory", "Fix")
    expect_error([empty], os.path.join(work, "e2"), "empty/summary.tsv not found", "Fix")
    expect_error([run2d, "--at", "300"], os.path.join(work, "e3"), "--at 300",
                 "targets reached: 20, 50", "Fix")
    expect_error([run3d, "--slice", "z=1"], os.path.join(work, "e4"), "--slice z=1",
                 "outside the mesh")
    expect_error([run2d, "--species", "NO9"], os.path.join(work, "e5"), "--species NO9")

finish()
