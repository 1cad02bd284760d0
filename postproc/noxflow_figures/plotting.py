"""What every figure shares: the Agg backend, the current-density axis,
one series per run (targets, optionally every continuation step), saving."""

import os

import matplotlib

matplotlib.use("Agg")  # files only; no display on clusters and in CI
import matplotlib.pyplot as plt  # noqa: E402

MA_CM2 = "mA/cm$^2$"
MARKERS = "osD^vP*X"
LINESTYLES = ["-", "--", ":", "-."]


def current_label(runs):
    """x-axis label: |j| of the working electrode(s)."""
    names = sorted({r.working for r in runs})
    where = f"'{names[0]}'" if len(names) == 1 else "the working electrode"
    return f"current density |j| at {where} ({MA_CM2})"


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
