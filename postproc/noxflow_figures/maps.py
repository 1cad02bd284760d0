"""maps_<j>.png: pH and a species' concentration over the domain at the
target nearest a chosen current density, from the HDF5 fields (2D as
is, 3D on an axis-aligned slice)."""

import numpy as np

from . import FiguresError
from . import fields as field_data
from .plotting import MA_CM2, finish, plt

# --at picks the nearest target within this relative distance.
AT_TOLERANCE = 0.1


def nearest_target(run, at):
    """The target row whose |j| is nearest to `at` (mA/cm2)."""
    j = run.current_density()
    reached = ", ".join(f"{j[r]:g}" for r in run.targets) or "none"
    if len(run.targets):
        row = run.targets[np.argmin(np.abs(j[run.targets] - at))]
        if abs(j[row] - at) <= AT_TOLERANCE * abs(at):
            return row
    raise FiguresError(f"--at {at:g}: {run.dir} has no target within "
                       f"{AT_TOLERANCE:.0%} of {at:g} mA/cm2 (targets "
                       f"reached: {reached} mA/cm2). Fix: give one of those to --at.")


def target_fields(run, row):
    """The fields.xdmf entry of a target row."""
    control = run.column("control")[row]
    entry = run.field_entry(control)
    if entry is None:
        raise FiguresError(f"{run.dir}/fields.xdmf has no fields at {control:g} (the target "
                           f"at {run.current_density()[row]:g} mA/cm2). Fix: run with "
                           "Output/Write fields = true.")
    return entry


def _plane(run, row, names, slice_axis, slice_at):
    """(points in m, triangles, values, axis names, slice note) at a row."""
    nodes, cells, values = field_data.load(target_fields(run, row), names)
    if nodes.shape[1] == 2:
        return (*field_data.plane_2d(nodes, cells, values), ("x", "y"), "")
    position = slice_at
    if position is None:
        position = 0.5 * (nodes[:, slice_axis].min() + nodes[:, slice_axis].max())
    points, triangles, values = field_data.slice_3d(nodes, cells, values, slice_axis, position)
    axes = tuple(a for k, a in enumerate(field_data.AXES) if k != slice_axis)
    return points, triangles, values, axes, \
        f", slice {field_data.AXES[slice_axis]} = {position * 1e3:.4g} mm"


def maps(runs, out, at, slice_text, species, aspect):
    slice_axis, slice_at = field_data.parse_slice(slice_text)
    quantities = [("pH", "pH (-)"), (f"c_{species}", f"c({species}) (mol/m$^3$ = mM)")]
    planes = []
    for run in runs:
        row = nearest_target(run, at)
        planes.append((run, row, _plane(run, row, [q for q, _ in quantities],
                                        slice_axis, slice_at)))
    # One colour scale per quantity across runs, so that maps compare.
    limits = {q: (min(p[2][q].min() for _, _, p in planes),
                  max(p[2][q].max() for _, _, p in planes)) for q, _ in quantities}
    points = planes[0][2][0]
    extent = np.ptp(points, axis=0)
    panel_height = float(np.clip(9 * extent[1] / extent[0], 1.2, 6)) if aspect == "equal" else 3
    n = len(planes) * len(quantities)
    fig, axes = plt.subplots(n, 1, figsize=(10, n * (panel_height + 0.8)), squeeze=False)
    for k, (run, row, (p, triangles, values, names, note)) in enumerate(planes):
        j = run.current_density()[row]
        for m, (q, label) in enumerate(quantities):
            ax = axes[k * len(quantities) + m, 0]
            art = ax.tripcolor(p[:, 0] * 1e3, p[:, 1] * 1e3, triangles, values[q],
                               shading="gouraud", cmap="viridis", vmin=limits[q][0],
                               vmax=limits[q][1])
            bar = fig.colorbar(art, ax=ax, label=label, fraction=0.04, pad=0.01)
            bar.formatter.set_useOffset(False)  # pH 14.001, not 0.001 + 1.4e1
            ax.set_aspect(aspect)
            ax.set_xlabel(f"{names[0]} (mm)")
            ax.set_ylabel(f"{names[1]} (mm)")
            ax.set_title(f"{run.label}: {label.split(' (')[0]} at {j:.4g} {MA_CM2}{note}",
                         fontsize=10)
    fig.tight_layout()
    # Named after the target shown (of the first run), not the value asked.
    return finish(fig, out, f"maps_{planes[0][0].current_density()[planes[0][1]]:g}.png")
