"""report.png and report.pdf: one A4 page per run: its polarization curve
and Faradaic efficiencies, pH and the species' maps at its highest target
(largest |j|, potentiostatic runs too) with fields, and the current
distribution along each electrode (that target drawn thick). With several
runs: report_<label>.png/.pdf each."""

import os
import re

from .current_distribution import draw_panel
from .maps import draw_map, load_plane, map_height, quantities, stretch_factor
from .plotting import finish, operating_point, operating_span, plt
from .summary_plots import draw_faradaic_efficiency, draw_polarization

PAGE_IN = (8.27, 11.69)  # A4 portrait
MAP_WIDTH_IN = 6.3       # data width of a map on the page
LEGEND_WIDTH = 0.55      # legend column beside a row of panels, relative to a panel


def report_name(run, several):
    """'report', or 'report_<label>' (file-name safe) when several runs
    each get a page."""
    if not several:
        return "report"
    return "report_" + re.sub(r"[^A-Za-z0-9._+-]+", "_", run.label).strip("_")


def _map_row(run):
    """The target of highest |j| with fields (the maps' operating point), or None."""
    control = run.column("control")
    rows = [r for r in run.targets if run.field_entry(control[r]) is not None]
    return int(max(rows, key=lambda r: run.current_density()[r])) if rows else None


def _header(fig, run, row):
    kind = run.params.get("Geometry/Type", "geometry unknown")
    dim = run.params.get("Geometry/Dimension", "")
    fig.suptitle(f"NOxFlow run '{run.label}': {kind}{f', {dim}D' if dim else ''}",
                 fontsize=13, fontweight="bold")
    at = (f"maps and thick lines: the highest target, {operating_point(run, row)}"
          if row is not None else "no fields at any target: no maps")
    status = run.status or "status unknown"
    return (f"{operating_span(run)}\n{at}\n"
            f"{run.dir} ({status}); working electrode '{run.working}'")


def _legend_slot(fig, cell, handles, title=None):
    """A legend in its own grid cell: beside the panels, never over a curve."""
    ax = fig.add_subplot(cell)
    ax.axis("off")
    ax.legend(handles=handles, loc="center left", fontsize=6.5, title=title,
              title_fontsize=6.5, frameon=False)


def _summary_row(fig, cell, run, row, all_steps, nh3):
    cells = cell.subgridspec(1, 3, wspace=0.05, width_ratios=[1, 1, LEGEND_WIDTH])
    left, right = fig.add_subplot(cells[0]), fig.add_subplot(cells[1])
    draw_polarization(left, [run], all_steps)
    if row is not None:
        left.plot(run.current_density()[row], run.column("U_cell_V")[row], "o", ms=11,
                  mfc="none", mec="C3", mew=1.5, label="maps below")
        left.legend(fontsize=7)
    left.set_title("Polarization curve", fontsize=10)
    legend = draw_faradaic_efficiency(right, [run], all_steps, nh3)
    right.set_title("Faradaic efficiency, working electrode", fontsize=10)
    _legend_slot(fig, cells[2], list(legend.values()))


def _map_rows(fig, cells, plane, options):
    """pH and the species on the plane (None: no fields) of the map row."""
    if plane is None:
        for cell in cells:
            ax = fig.add_subplot(cell)
            ax.axis("off")
            ax.text(0.5, 0.5, "no fields at any target", ha="center", transform=ax.transAxes)
        return
    stretch = stretch_factor(plane, options.stretch)
    height = map_height(plane, stretch, MAP_WIDTH_IN)
    for cell, (quantity, label) in zip(cells, quantities(options.species)):
        draw_map(fig, fig.add_subplot(cell), plane, quantity, label,
                 options.ranges.get(quantity), stretch, height)


def _distribution_row(fig, cell, run, row):
    electrodes = [run.working] + [e for e in run.electrodes if e != run.working]
    cells = cell.subgridspec(1, len(electrodes) + 1, wspace=0.3,
                             width_ratios=[1] * len(electrodes) + [LEGEND_WIDTH])
    for k, electrode in enumerate(electrodes):
        ax = fig.add_subplot(cells[k])
        draw_panel(ax, run, electrode, legend=False, highlight=row)
        ax.set_title(ax.get_title().replace(f"{run.label}: ", "Current distribution, "),
                     fontsize=9)
    # Every electrode has the same targets: one legend for the row.
    handles = ax.get_legend_handles_labels()[0]
    for h in handles:  # two lines each, to fit the slot
        h.set_label(h.get_label().replace(", U", ",\nU"))
    _legend_slot(fig, cells[-1], handles, "operating point\n(thick: the maps')")


def report_figure(run, options, all_steps, nh3):
    """The page of one run, not saved."""
    row = _map_row(run)
    plane, map_in = None, 1.6
    if row is not None:
        plane = load_plane(run, row, [q for q, _ in quantities(options.species)],
                           options.slice_text)
        map_in = map_height(plane, stretch_factor(plane, options.stretch), MAP_WIDTH_IN) + 0.7
    fig = plt.figure(figsize=PAGE_IN, layout="constrained")
    grid = fig.add_gridspec(6, 1, height_ratios=[0.55, 2.6, map_in, map_in, 2.4, 0.3])
    header = fig.add_subplot(grid[0])
    header.axis("off")
    header.text(0.5, 1.0, _header(fig, run, row), ha="center", va="top", fontsize=8.5,
                transform=header.transAxes)
    _summary_row(fig, grid[1], run, row, all_steps, nh3)
    _map_rows(fig, [grid[2], grid[3]], plane, options)
    _distribution_row(fig, grid[4], run, row)
    footer = fig.add_subplot(grid[5])
    footer.axis("off")
    note = "colour range of each map: its minimum to maximum" + (
        " (--range where given)" if options.ranges else "")
    if plane is not None and plane.outline_note:
        note += f"; {plane.outline_note}"
    footer.text(0.0, 0.5, note, fontsize=7, color="0.35", transform=footer.transAxes,
                va="center")
    return fig


def report(run, out, options, all_steps, nh3, several=False):
    """Writes the page as PNG and PDF; returns the PNG's path."""
    fig = report_figure(run, options, all_steps, nh3)
    name = report_name(run, several)
    fig.savefig(os.path.join(out, f"{name}.pdf"))
    return finish(fig, out, f"{name}.png")
