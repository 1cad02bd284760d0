"""current_distribution.png: local current density along each electrode at
each target, from electrode_<name>-NNNN.tsv (NNNN counts the targets
reached; columns x_m, y_m[, z_m], j_A_m2 at the quadrature points of the
electrode's faces)."""

import numpy as np

from .fields import AXES
from .plotting import MA_CM2, finish, operating_point, plt, spans_title

A_M2_TO_MA_CM2 = 0.1
MAX_BINS = 200


def profile(samples):
    """(axis, position m, j) along the electrode's longest extent; on a 3D
    electrode surface j is averaged across it in bins of that coordinate."""
    xyz, j = samples[:, :-1], samples[:, -1]
    axis = int(np.argmax(np.ptp(xyz, axis=0)))
    s = xyz[:, axis]
    if xyz.shape[1] == 2:
        order = np.argsort(s)
        return axis, s[order], j[order]
    positions = np.unique(s)
    if len(positions) > MAX_BINS:
        edges = np.linspace(s.min(), s.max(), MAX_BINS + 1)
        which = np.clip(np.digitize(s, edges) - 1, 0, MAX_BINS - 1)
        keep = np.bincount(which, minlength=MAX_BINS) > 0
        mean = np.bincount(which, j, MAX_BINS)[keep] / np.bincount(which, minlength=MAX_BINS)[keep]
        return axis, 0.5 * (edges[:-1] + edges[1:])[keep], mean
    which = np.searchsorted(positions, s)
    return axis, positions, np.bincount(which, j) / np.bincount(which)


def _clip_edge_peaks(ax, curves):
    """The current crowds at electrode edges (a singularity the mesh
    resolves more and more): cap the axis so the profiles stay readable,
    and say so on the plot."""
    if not curves:
        return
    values = np.concatenate(curves)
    typical = np.percentile(values, 95)
    if typical > 0 and values.max() > 3 * typical:
        ax.set_ylim(min(0.0, values.min()), 2 * typical)
        ax.set_title(ax.get_title() + f"\n(axis cut at {2 * typical:.4g}; edge peaks up "
                     f"to {values.max():.4g} {MA_CM2})", fontsize=10)


def draw_panel(ax, run, electrode, legend, highlight=None):
    """The profiles of one electrode of one run, one line per target
    (highlight: a summary row drawn thick, the others thin)."""
    files = run.electrode_files(electrode)
    colors = plt.cm.viridis(np.linspace(0, 0.9, max(1, len(files))))
    averaged, plotted = False, []
    for k, path in enumerate(files):
        samples = np.loadtxt(path, skiprows=1, ndmin=2)
        axis, s, j = profile(samples)
        averaged |= samples.shape[1] == 4
        # Positive in the electrode's net direction, so that a cathode reads
        # like an anode and a local reversal still shows.
        j = j * np.sign(np.sum(j) or 1.0) * A_M2_TO_MA_CM2
        row = run.targets[k] if k < len(run.targets) else None
        at = operating_point(run, row) if row is not None else f"#{k}"
        width = 1.5 if highlight is None else 2.2 if row == highlight else 0.9
        ax.plot(s * 1e3, j, color=colors[k], label=at, lw=width)
        plotted.append(j)
        ax.set_xlabel(f"{AXES[axis]} along the electrode (mm)")
    ax.set_title(f"{run.label}: '{electrode}'" + (" (mean across its width)" if averaged else ""),
                 fontsize=10)
    _clip_edge_peaks(ax, plotted)
    if not files:
        ax.text(0.5, 0.5, f"no electrode_{electrode}-*.tsv", transform=ax.transAxes, ha="center")
    elif legend:
        ax.legend(fontsize=6.5, title="operating point", title_fontsize=7)
    ax.set_ylabel(f"local current density ({MA_CM2})")
    ax.grid(True, alpha=0.3)


def current_distribution(runs, out):
    electrodes = []
    for run in runs:
        electrodes += [e for e in run.electrodes if e not in electrodes]
    fig, axes = plt.subplots(len(electrodes), len(runs), squeeze=False,
                             figsize=(5.5 * len(runs), 3.4 * len(electrodes)))
    for c, run in enumerate(runs):
        for r, e in enumerate(electrodes):
            draw_panel(axes[r, c], run, e, legend=r == 0)
    fig.suptitle(spans_title(runs), fontsize=9)
    fig.tight_layout()
    return finish(fig, out, "current_distribution.png")
