"""maps_<j>.png: pH and a species' concentration over the domain at the
target nearest a chosen current density, from the HDF5 fields (2D as is,
3D on an axis-aligned slice), with the mesh regions outlined.

Colour ranges are per run and quantity (minimum to maximum of that run's
map): one range shared by every run flattens a run whose values vary little
against another's (the flow-through nitrate against the zero-gap cell's
0-500 mM). --range FIELD=LOW:HIGH fixes a range, for maps that compare.
Thin cells are drawn with their y axis stretched by a stated factor."""

import math
from dataclasses import dataclass, field

import numpy as np

from . import FiguresError
from . import fields as field_data
from . import regions as region_data
from .plotting import finish, operating_point, plt

# --at picks the nearest target within this relative distance.
AT_TOLERANCE = 0.1
# --y-stretch auto: a map flatter than THIN (height/width) is stretched to
# about TARGET_RATIO, by a whole factor.
THIN, TARGET_RATIO = 0.2, 0.25
# Data width of a map in maps_<j>.png, and the limits of its height (inches).
MAP_WIDTH_IN, MIN_HEIGHT_IN, MAX_HEIGHT_IN = 8.0, 1.0, 6.0


@dataclass
class MapOptions:
    slice_text: str = None
    species: str = "NO3-"
    # field -> (low or None, high or None); None: the run's own limit.
    ranges: dict = field(default_factory=dict)
    # y stretch factor; None: automatic for thin cells.
    stretch: float = None


def quantities(species):
    """(field, colour-bar label) of the maps."""
    return [("pH", "pH (-)"), (f"c_{species}", f"c({species}) (mol/m$^3$ = mM)")]


def parse_range(text, species):
    """'pH=13:14' or 'NO3-=0:100' (the species or its field c_NO3-; either
    side may be empty: that side per run) -> ('pH', (13.0, 14.0))."""
    name, sep, limits = text.partition("=")
    name = name.strip()
    fields = [q for q, _ in quantities(species)]
    if f"c_{name}" in fields:
        name = f"c_{name}"
    low, colon, high = limits.partition(":")
    if not sep or not colon:
        raise FiguresError(f"--range '{text}': expected FIELD=LOW:HIGH, e.g. pH=13:14.5 or "
                           f"{species}=0:100 (either side may be empty)")
    if name not in fields:
        raise FiguresError(f"--range '{text}': '{name}' is not drawn in the maps "
                           f"(fields: pH, {species}; --species picks the species)")
    try:
        bounds = tuple(float(v) if v.strip() else None for v in (low, high))
    except ValueError:
        raise FiguresError(f"--range '{text}': LOW and HIGH must be numbers") from None
    if None not in bounds and bounds[0] >= bounds[1]:
        raise FiguresError(f"--range '{text}': LOW must be below HIGH")
    return name, bounds


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


@dataclass
class Plane:
    """What the maps of one run at one target draw."""
    run: object
    row: int
    points: np.ndarray      # m, in the plane
    triangles: np.ndarray
    values: dict            # field -> value at each point
    axes: tuple             # names of the plane's axes, e.g. ("x", "y")
    note: str               # the slice of a 3D run, for the title
    outline: object         # regions.Outline, or None
    outline_note: str       # why there is no outline, or where it came from

    def extent(self):
        return np.ptp(self.points, axis=0)


def load_plane(run, row, names, slice_text):
    """The fields `names` of a target row on the map's plane, with regions."""
    entry = target_fields(run, row)
    nodes, cells, values = field_data.load(entry, names)
    regions, why_not = region_data.cell_regions(run.params, entry, nodes, cells)
    if nodes.shape[1] == 2:
        points, triangles, values = field_data.plane_2d(nodes, cells, values)
        of_cell, axes, note = field_data.triangle_cells_2d(cells), ("x", "y"), ""
    else:
        axis, position = field_data.parse_slice(slice_text)
        if position is None:
            position = 0.5 * (nodes[:, axis].min() + nodes[:, axis].max())
        points, triangles, values, of_cell = field_data.slice_3d(
            nodes, cells, values, axis, position, with_cells=True)
        axes = tuple(a for k, a in enumerate(field_data.AXES) if k != axis)
        note = f", slice {field_data.AXES[axis]} = {position * 1e3:.4g} mm"
    outline = None
    if regions is not None:
        outline = region_data.Outline(points, triangles, regions.labels[of_cell], regions)
        why_not = f"outlines: {' | '.join(outline.names())} (from {regions.source})"
    return Plane(run, row, points, triangles, values, axes, note, outline, why_not)


def stretch_factor(plane, requested=None):
    """How much longer y is drawn than x: `requested`, or for a map flatter
    than THIN the whole factor (two significant digits from 10 on) that
    brings it to about TARGET_RATIO; 1 otherwise."""
    if requested is not None:
        return requested
    width, height = plane.extent()
    ratio = height / width
    if ratio >= THIN:
        return 1.0
    need = TARGET_RATIO / ratio
    step = 1.0 if need < 10 else 10.0 ** (math.floor(math.log10(need)) - 1)
    return math.ceil(need / step) * step


def map_height(plane, stretch, width_in):
    """Height (inches) of a map drawn `width_in` wide."""
    width, height = plane.extent()
    return float(np.clip(width_in * stretch * height / width, MIN_HEIGHT_IN, MAX_HEIGHT_IN))


def colour_limits(values, fixed):
    """(low, high, colour-bar extension): the map's own minimum and maximum
    where --range leaves a side open."""
    low, high = fixed if fixed else (None, None)
    low = values.min() if low is None else low
    high = values.max() if high is None else high
    below, above = values.min() < low, values.max() > high
    extend = "both" if below and above else "min" if below else "max" if above else "neither"
    return low, high, extend


def draw_map(fig, ax, plane, quantity, label, fixed, stretch, height_in):
    """One quantity of one plane: colours, regions, labels, operating point."""
    values = plane.values[quantity]
    low, high, extend = colour_limits(values, fixed)
    p = plane.points * 1e3
    # Rasterized in report.pdf: a refined mesh's triangles as vector shading
    # make a file of tens of MB; text and outlines stay vector.
    art = ax.tripcolor(p[:, 0], p[:, 1], plane.triangles, values, shading="gouraud",
                       cmap="viridis", vmin=low, vmax=high, rasterized=True)
    bar = fig.colorbar(art, ax=ax, label=label, fraction=0.04, pad=0.01, extend=extend)
    bar.formatter.set_useOffset(False)  # pH 14.001, not 0.001 + 1.4e1
    # Ticks stay true lengths; only the drawing is stretched.
    ax.set_aspect(stretch)
    if plane.outline is not None:
        plane.outline.draw(ax, 1e3, height_in * 72, plane.extent()[1])
    ax.set_xlabel(f"{plane.axes[0]} (mm)")
    stretched = f"\n(drawn {stretch:g}× stretched)" if stretch != 1 else ""
    ax.set_ylabel(f"{plane.axes[1]} (mm){stretched}")
    ax.set_title(f"{plane.run.label}: {label.split(' (')[0]} at "
                 f"{operating_point(plane.run, plane.row)}{plane.note}", fontsize=9)
    return art


def _notes(planes, options):
    """The figure's footnote: colour ranges, stretch, outlines."""
    fixed = ", ".join(f"{q.removeprefix('c_')} {lo if lo is not None else 'own'} to "
                      f"{hi if hi is not None else 'own'}"
                      for q, (lo, hi) in options.ranges.items())
    lines = ["colour range of each map: its run's minimum to maximum" +
             (f"; fixed by --range: {fixed}" if fixed else "")]
    for plane in planes:
        lines.append(f"{plane.run.label}: {plane.outline_note}" if len(planes) > 1
                     else plane.outline_note)
    return "\n".join(lines)


def map_figure(runs, at, options):
    """(figure, file name) of the maps of `runs` at the target nearest
    `at` mA/cm2; the figure is not saved (tests read its colour limits)."""
    qs = quantities(options.species)
    planes = [load_plane(run, nearest_target(run, at), [q for q, _ in qs], options.slice_text)
              for run in runs]
    stretches = [stretch_factor(p, options.stretch) for p in planes]
    heights = [map_height(p, s, MAP_WIDTH_IN) for p, s in zip(planes, stretches)]
    panels = [(p, s, h) for p, s, h in zip(planes, stretches, heights) for _ in qs]
    fig, axes = plt.subplots(len(panels), 1, squeeze=False,
                             figsize=(10, sum(h + 0.9 for _, _, h in panels) + 0.4),
                             gridspec_kw={"height_ratios": [h + 0.9 for _, _, h in panels]})
    for k, (plane, stretch, height) in enumerate(panels):
        quantity, label = qs[k % len(qs)]
        draw_map(fig, axes[k, 0], plane, quantity, label, options.ranges.get(quantity),
                 stretch, height)
    fig.text(0.01, 0.0, _notes(planes, options), fontsize=7, color="0.35", va="top")
    fig.tight_layout()
    # Named after the target shown (of the first run), not the value asked.
    return fig, f"maps_{planes[0].run.current_density()[planes[0].row]:g}.png"


def maps(runs, out, at, options):
    fig, name = map_figure(runs, at, options)
    return finish(fig, out, name)
