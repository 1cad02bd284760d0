"""What every figure shares: the Agg backend, the current-density axis,
the operating point of a title, one series per run (targets, optionally
every continuation step), saving."""

import math
import os

import matplotlib
import numpy as np

matplotlib.use("Agg")  # files only; no display on clusters and in CI
import matplotlib.pyplot as plt  # noqa: E402

MA_CM2 = "mA/cm$^2$"
U_CELL = "U$_{cell}$"
MARKERS = "osD^vP*X"
LINESTYLES = ["-", "--", ":", "-."]


def current_label(runs):
    """x-axis label: |j| of the working electrode(s)."""
    names = sorted({r.working for r in runs})
    where = f"'{names[0]}'" if len(names) == 1 else "the working electrode"
    return f"current density |j| at {where} ({MA_CM2})"


def operating_point(run, row):
    """'|j| = 50 mA/cm2, U_cell = 1.331 V' of one summary row; a
    potentiostatic run leads with the working electrode's potential."""
    j = run.current_density()[row]
    u = run.column("U_cell_V")[row]
    cell = f"{U_CELL} = {u:.3f} V" if math.isfinite(u) else f"no {U_CELL}"
    current = f"|j| = {j:.4g} {MA_CM2}"
    if run.galvanostatic:
        return f"{current}, {cell}"
    e = run.column(f"phi_s_{run.working}_V")[row]
    return f"E({run.working}) = {e:.4g} V, {current}, {cell}"


def _span(values, fmt, in_order=False):
    """'20 to 100': smallest to largest, or first to last (in_order)."""
    values = values[np.isfinite(values)]
    low, high = (values[0], values[-1]) if in_order else (values.min(), values.max())
    return f"{low:{fmt}}" if low == high else f"{low:{fmt}} to {high:{fmt}}"


def operating_span(run):
    """The operating points of a run's targets (all rows without targets),
    e.g. 'galvanostatic, |j| 20 to 100 mA/cm2, U_cell 1.244 to 1.428 V'."""
    rows = run.targets if len(run.targets) else np.arange(len(run.table))
    u = run.column("U_cell_V")[rows]
    cell = f"{U_CELL} {_span(u, '.3f')} V" if np.isfinite(u).any() else f"no {U_CELL}"
    if run.galvanostatic:
        control = f"galvanostatic, |j| {_span(run.current_density()[rows], '.4g')} {MA_CM2}"
    else:
        e = run.column(f"phi_s_{run.working}_V")[rows]
        control = f"potentiostatic, E({run.working}) {_span(e, '.4g', in_order=True)} V"
    return f"{control}, {cell}"


def spans_title(runs):
    """One line per run for the titles of the figures over all targets."""
    if len(runs) == 1:
        return operating_span(runs[0])
    return "\n".join(f"{r.label}: {operating_span(r)}" for r in runs)


def series(ax, run, x, y, all_steps, label, color, marker="o", linestyle="-"):
    """One curve: markers at the targets, joined through the targets only
    or (all_steps) through every continuation step."""
    t = run.targets
    if all_steps or len(t) == 0:
        ax.plot(x, y, marker=marker, markevery=list(t), linestyle=linestyle, lw=1,
                color=color, label=label)
    else:
        ax.plot(x[t], y[t], marker=marker, linestyle=linestyle, color=color, label=label)


def finish(fig, out, name):
    """Saves a figure as out/name and closes it; returns the path."""
    path = os.path.join(out, name)
    fig.savefig(path, dpi=150, bbox_inches="tight")
    plt.close(fig)
    print(path)
    return path


def color(i):
    return f"C{i % 10}"
