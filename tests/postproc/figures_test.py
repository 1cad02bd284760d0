#!/usr/bin/python3
"""postproc/noxflow-figures on real runs: the channel case on its coarse
mesh (2D under mpirun -np 2, and a small 3D one serially) gives every figure
and report.png/.pdf, each with content (not blank); titles carry the
operating point; the NH3 rate follows from the partial current of the 6 e-
nitrite step; the 3D slice covers the channel's cross-section; two runs
share the figures. A two-point velocity sweep (cluster/noxflow-sweep) gives
two runs whose maps have different colour limits (each its own minimum and
maximum; --range fixes them), and sweep plots whose axes carry units.
Region outlines of a zero-gap layer stack (synthetic mesh) sit on its
interfaces, from parameters.prm and from a region_id field alike. Bad input
exits with code 2 and a message naming the path or option, before any
figure is written.

Usage: figures_test.py NOXFLOW SOURCE_DIR MPIRUN..."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import h5py
import numpy as np

noxflow, source, mpirun = sys.argv[1], sys.argv[2], sys.argv[3:]
script = os.path.join(source, "postproc", "noxflow-figures")
sys.path.insert(0, os.path.join(source, "postproc"))
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.image  # noqa: E402
from matplotlib.collections import TriMesh  # noqa: E402

from noxflow_figures import fields, maps, regions  # noqa: E402
from noxflow_figures.nh3 import FARADAY, nh3_rate, nh3_reactions  # noqa: E402
from noxflow_figures.run import Run  # noqa: E402

sys.path.insert(0, os.path.join(source, "cluster"))
from noxflow_sweep import aggregate  # noqa: E402
from noxflow_sweep.prm import parameter_units  # noqa: E402

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


def sweep(work):
    """Two channel runs at 0.01 and 0.05 m/s through noxflow-sweep (run-point
    runs a point without GNU parallel); returns the sweep folder."""
    text = (f'base = "{source}/cases/channel_nitrate/channel_nitrate.prm"\n'
            '[parameters]\n"Geometry/Global refinements" = 0\n'
            '"Operation/Targets" = "20, 50"\n"Flow/Mean velocity" = [0.01, 0.05]\n')
    path = os.path.join(work, "velocity.sweep")
    with open(path, "w") as f:
        f.write(text)
    tool = ["/usr/bin/python3", os.path.join(source, "cluster", "noxflow-sweep")]
    folder = os.path.join(work, "velocity")
    steps = [["expand", path, "-o", folder, "--noxflow", noxflow]]
    steps += [["run-point", folder, str(i), "--log", os.path.join(work, f"point{i}.log")]
              for i in (0, 1)]
    for step in steps + [["aggregate", folder]]:
        run = subprocess.run(tool + step, capture_output=True, text=True)
        check(run.returncode == 0, f"noxflow-sweep {step[0]} failed: {run.stdout} {run.stderr}")
    return folder


def map_limits(fig):
    """{(run label, quantity): colour limits} of a map figure's panels."""
    out = {}
    for ax in fig.axes:
        for art in ax.collections:
            if isinstance(art, TriMesh):
                label, quantity = ax.get_title().split(" at ")[0].split(": ")
                out[label, quantity] = art.get_clim()
    return out


def check_layer_outlines(work):
    """A zero-gap stack (channel 1 mm, cathode 190 um, membrane 183 um, anode
    100 um; 3 cells per layer): the regions from parameters.prm and from a
    region_id node field (an interface node holds the upper cell's id, as
    deal.II writes it) agree, and the outlines lie on the interfaces."""
    tops = np.cumsum([1e-3, 190e-6, 183e-6, 100e-6])
    params = {"Geometry/Type": "Zero-gap MEA"}
    for layer, t in zip(["Flow channel", "Cathode", "Membrane", "Anode"], np.diff(tops, prepend=0)):
        params[f"Geometry/Zero-gap MEA/{layer}/Thickness"] = repr(t)
    ys = np.unique(np.concatenate([np.linspace(a, b, 4) for a, b in
                                   zip(np.concatenate([[0], tops[:-1]]), tops)]))
    xs = np.linspace(0, 12e-3, 13)
    nodes = np.array([(x, y) for y in ys for x in xs])
    n = len(xs)
    cells = np.array([(j * n + i, j * n + i + 1, (j + 1) * n + i + 1, (j + 1) * n + i)
                      for j in range(len(ys) - 1) for i in range(n - 1)])
    from_geometry, why = regions.cell_regions(params, {"fields": {}}, nodes, cells)
    check(from_geometry is not None and from_geometry.names ==
          ["flow_channel", "cathode", "membrane", "anode"], f"layer regions: {why}")
    ids = np.minimum(np.searchsorted(tops, nodes[:, 1] * (1 + 1e-12), side="right"), 3)
    h5 = os.path.join(work, "regions.h5")
    with h5py.File(h5, "w") as f:
        f["region_id"] = ids.astype(float)[:, None]
    entry = {"fields": {"region_id": (h5, "region_id")}, "centers": {"region_id": "Node"}}
    from_field, _ = regions.cell_regions(params, entry, nodes, cells)
    check(from_geometry is not None and np.array_equal(from_field.labels, from_geometry.labels),
          "regions from region_id differ from those of parameters.prm")
    points, triangles, _ = fields.plane_2d(nodes, cells, {})
    segments = regions.outline_segments(
        points, triangles, from_field.labels[fields.triangle_cells_2d(cells)])
    flat = segments[np.isclose(segments[:, 0, 1], segments[:, 1, 1])]
    found = np.unique(np.round(flat[:, 0, 1], 9))
    check(np.allclose(found, np.concatenate([[0], tops])),
          f"outlines at y = {found}, expected the interfaces 0, {tops}")
    vertical = segments[np.isclose(segments[:, 0, 0], segments[:, 1, 0])]
    check(set(np.round(vertical[:, 0, 0], 9)) == {0.0, 0.012},
          "vertical outlines other than the domain's ends")


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
    for name in FIGURES + ["maps_50.png", "report.png"]:
        ok, why = not_blank(os.path.join(out, name))
        check(ok, f"2D {name} blank or missing ({why})")
    check(os.path.getsize(os.path.join(out, "report.pdf")) > 10000, "report.pdf missing or empty")

    # Titles name the operating point; the thin channel (2 x 14 mm) is
    # drawn 2x stretched, and says so.
    fig, _ = maps.map_figure([Run(run2d)], 48, maps.MapOptions())
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    check(len(titles) == 2 and all("|j| = 50 mA/cm$^2$, U$_{cell}$ = 1." in t for t in titles),
          f"map titles without the operating point: {titles}")
    check("drawn 2× stretched" in fig.axes[0].get_ylabel(),
          f"y label without the stretch: {fig.axes[0].get_ylabel()}")

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
    shutil.copytree(run2d, bare, ignore=shutil.ignore_patterns("parameters.prm", "checkpoints"))
    out = os.path.join(work, "fig2runs")
    run = figures(run2d, bare, "--label", "with prm", "--label", "without", "--out", out,
                  "--all-steps", "--at", "20", "--nh3-reactions", "nitrite_to_ammonia:6",
                  "--range", "pH=13.9:14.1", "--range", "NO3-=:100")
    check(run.returncode == 0, f"two runs failed: {run.stderr}")
    for name in FIGURES + ["maps_20.png", "report_with_prm.png", "report_without.png"]:
        ok, why = not_blank(os.path.join(out, name))
        check(ok, f"two runs: {name} blank or missing ({why})")

    # A velocity sweep: its plots' axes carry units.
    velocity = sweep(work)
    for q in aggregate.QUANTITIES:
        check(os.path.isfile(os.path.join(velocity, "results", f"{q[0]}.png")),
              f"sweep plot {q[0]}.png missing")
    for q, fig in aggregate.sweep_figures(velocity):
        x, y = fig.axes[0].get_xlabel(), fig.axes[0].get_ylabel()
        check(x == "Mean velocity (m/s)", f"sweep {q}: x label '{x}'")
        check(re.search(r"\((V|-)\)$", y), f"sweep {q}: y label '{y}' has no unit")
        check("mA/cm$^2$" in fig.axes[0].get_legend().get_texts()[0].get_text(),
              f"sweep {q}: legend targets without unit")
    units = parameter_units(open(os.path.join(velocity, "runs/0000/output/parameters.prm")).read())
    expected = {"Flow/Mean velocity": "m/s", "Species/NO3-/Inlet concentration": "mol/m3",
                "Geometry/Channel/Height": "m", "Flow/Viscosity": "Pa s",
                "Species/NO3-/Diffusivity": "m2/s", "Geometry/Channel/Cells height": "-",
                "Electrode reactions/her/Exchange current density": "A/m2"}
    wrong = {p: units.get(p) for p, u in expected.items() if units.get(p) != u}
    check(not wrong, f"units from parameters.prm: {wrong}")

    # Two different runs: each map has its own colour range (minimum to
    # maximum of its run), so the two runs' nitrate limits differ; --range
    # fixes them for both.
    slow, fast = (Run(os.path.join(velocity, f"runs/000{i}/output")) for i in (0, 1))
    fig, _ = maps.map_figure([slow, fast], 50, maps.MapOptions())
    limits = map_limits(fig)
    for r in (slow, fast):
        values = maps.load_plane(r, maps.nearest_target(r, 50), ["c_NO3-"], None).values
        own = (values["c_NO3-"].min(), values["c_NO3-"].max())
        check(np.allclose(limits.get((r.label, "c(NO3-)"), (0, 0)), own),
              f"{r.label}: nitrate colour limits {limits.get((r.label, 'c(NO3-)'))}, "
              f"its own range is {own}")
    check(not np.allclose(limits[slow.label, "c(NO3-)"], limits[fast.label, "c(NO3-)"]),
          f"two runs share nitrate colour limits: {limits}")
    fig, _ = maps.map_figure([slow, fast], 50, maps.MapOptions(
        ranges=dict([maps.parse_range("NO3-=50:100", "NO3-")])))
    fixed = {k: v for k, v in map_limits(fig).items() if k[1] == "c(NO3-)"}
    check(len(fixed) == 2 and all(v == (50, 100) for v in fixed.values()),
          f"--range NO3-=50:100 gave {fixed}")
    check_layer_outlines(work)

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
    expect_error([run2d, "--range", "pH=14:13"], os.path.join(work, "e6"), "--range 'pH=14:13'",
                 "LOW must be below HIGH")
    expect_error([run2d, "--range", "NO2-=0:1"], os.path.join(work, "e7"), "'NO2-'",
                 "not drawn in the maps")
    expect_error([run2d, "--range", "pH"], os.path.join(work, "e8"), "FIELD=LOW:HIGH")
    expect_error([run2d, "--y-stretch", "0"], os.path.join(work, "e9"), "--y-stretch 0")

finish()
