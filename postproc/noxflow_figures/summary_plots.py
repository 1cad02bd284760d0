"""Figures from summary.tsv: polarization curve, Faradaic efficiencies and
NH3 rate, surface pH and nitrate, all against the working electrode's
current density."""

import sys

import numpy as np
from matplotlib.lines import Line2D

from . import fields as field_data
from .nh3 import nh3_faradaic_efficiency, nh3_rate, nh3_reactions
from .plotting import (LINESTYLES, MARKERS, color, current_label, finish,
                       plt, series, spans_title)


def draw_polarization(ax, runs, all_steps):
    """U_cell against |j|, one series per run."""
    for i, run in enumerate(runs):
        u = run.column("U_cell_V")
        if np.all(np.isnan(u)):
            print(f"note: {run.dir} has no cell voltage (no cathode-anode pair)", file=sys.stderr)
        series(ax, run, run.current_density(), u, all_steps, run.label, color(i), MARKERS[i % 8])
    ax.set_xlabel(current_label(runs))
    ax.set_ylabel("cell voltage $U_{cell}$ (V)")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)


def polarization(runs, out, all_steps):
    fig, ax = plt.subplots(figsize=(6, 4.5))
    draw_polarization(ax, runs, all_steps)
    ax.set_title(f"Polarization curve\n{spans_title(runs)}", fontsize=9)
    return finish(fig, out, "polarization.png")


def _working_reactions(run):
    """Reactions of the working electrode (all if parameters.prm is missing)."""
    on = [r for r in run.reactions
          if run.params.get(f"Electrode reactions/{r}/Electrode", run.working) == run.working]
    return on or run.reactions


def draw_faradaic_efficiency(ax, runs, all_steps, nh3):
    """FE of each working-electrode reaction and of the NH3 product;
    returns {label: legend handle} (colours name reactions, line styles runs)."""
    names = []
    for run in runs:
        names += [r for r in _working_reactions(run) if r not in names]
    legend = {r: Line2D([], [], color=color(k), marker=MARKERS[k % 8], label=r)
              for k, r in enumerate(names)}
    nh3_label = f"NH$_3$ product ({nh3.electrons:g} e$^-$/NH$_3$)"
    for i, run in enumerate(runs):
        j = run.current_density()
        ls = LINESTYLES[i % 4]
        for r in _working_reactions(run):
            k = names.index(r)
            series(ax, run, j, run.column(f"FE_{r}"), all_steps, None, color(k),
                   MARKERS[k % 8], ls)
        reactions = nh3_reactions(run, nh3.species, nh3.given)
        if reactions:
            legend[nh3_label] = Line2D([], [], color="k", marker="s", label=nh3_label)
            fe = nh3_faradaic_efficiency(run, nh3_rate(run, reactions), nh3.electrons)
            series(ax, run, j, fe, all_steps, None, "k", "s", ls)
    ax.set_xlabel(current_label(runs))
    ax.set_ylabel("Faradaic efficiency (-)")
    ax.set_ylim(-0.03, 1.03)
    ax.grid(True, alpha=0.3)
    return legend


def _draw_nh3_rate(ax, runs, all_steps, nh3):
    """NH3 production rate per run; False if no run makes NH3."""
    any_nh3 = False
    for i, run in enumerate(runs):
        reactions = nh3_reactions(run, nh3.species, nh3.given)
        if not reactions:
            print(f"note: no NH3-forming reaction in {run.dir} (none makes "
                  f"{', '.join(nh3.species)}): no NH3 rate; name them with "
                  "--nh3-reactions NAME:ELECTRONS", file=sys.stderr)
            continue
        any_nh3 = True
        series(ax, run, run.current_density(), nh3_rate(run, reactions), all_steps, run.label,
               color(i), MARKERS[i % 8])
    ax.set_xlabel(current_label(runs))
    ax.set_ylabel("NH$_3$ production rate (mmol cm$^{-2}$ h$^{-1}$)")
    ax.set_title("NH$_3$ production rate" if any_nh3 else "no NH$_3$-forming reaction")
    ax.grid(True, alpha=0.3)
    if any_nh3:
        ax.legend()
    return any_nh3


def faradaic_efficiency(runs, out, all_steps, nh3):
    fig, (ax_fe, ax_rate) = plt.subplots(1, 2, figsize=(11, 4.8))
    legend = draw_faradaic_efficiency(ax_fe, runs, all_steps, nh3)
    ax_fe.set_title("Faradaic efficiency per reaction, working electrode")
    _draw_nh3_rate(ax_rate, runs, all_steps, nh3)
    # Below the panels: the curves fill them.
    fig.legend(handles=list(legend.values()), fontsize=8, ncol=3, loc="lower left",
               bbox_to_anchor=(0.02, 0.0))
    if len(runs) > 1:
        fig.legend(handles=[Line2D([], [], color="0.4", ls=LINESTYLES[i % 4], label=r.label)
                            for i, r in enumerate(runs)], fontsize=8, loc="lower right",
                   ncol=2, bbox_to_anchor=(0.98, 0.0), title="runs", title_fontsize=8)
    fig.suptitle(spans_title(runs), fontsize=9)
    fig.tight_layout(rect=(0, 0.14, 1, 1))
    return finish(fig, out, "faradaic_efficiency.png")


def _surface_ph_range(run, electrode):
    """[(summary row, min pH, max pH)] on the electrode surface at the
    targets with fields: the nodes nearest to the electrode's sample points
    (the summary has the mean only)."""
    files = run.electrode_files(electrode)
    out = []
    nodes_on = None
    for k, row in enumerate(run.targets):
        entry = run.field_entry(run.column("control")[row])
        if entry is None or k >= len(files) or "pH" not in entry["fields"]:
            continue
        nodes, _, values = field_data.load(entry, ["pH"])
        if nodes_on is None:
            samples = np.loadtxt(files[k], skiprows=1, ndmin=2)[:, :-1]
            nodes_on = field_data.surface_nodes(nodes, samples)
        ph = values["pH"][nodes_on]
        out.append((row, ph.min(), ph.max()))
    return out


def surface(runs, out, all_steps, species, electrode):
    fig, (ax_ph, ax_c) = plt.subplots(1, 2, figsize=(11, 4.5))
    where = set()
    for i, run in enumerate(runs):
        e = electrode or run.working
        where.add(e)
        j, c, m = run.current_density(), color(i), MARKERS[i % 8]
        suffix = f" ({run.label})" if len(runs) > 1 else ""
        if run.has(f"pH_{e}"):
            series(ax_ph, run, j, run.column(f"pH_{e}"), all_steps, "mean" + suffix, c, m)
            extremes = _surface_ph_range(run, e)
            if extremes:
                rows = [r for r, _, _ in extremes]
                ax_ph.plot(j[rows], [lo for _, lo, _ in extremes], ls="--", marker=m,
                           mfc="none", color=c, label="minimum" + suffix)
                ax_ph.plot(j[rows], [hi for _, _, hi in extremes], ls=":", marker=m,
                           mfc="none", color=c, label="maximum" + suffix)
        series(ax_c, run, j, run.column(f"cmean_{e}_{species}_mM"), all_steps,
               "mean" + suffix, c, m)
        series(ax_c, run, j, run.column(f"cmin_{e}_{species}_mM"), all_steps,
               "minimum" + suffix, c, m, "--")
    at = ", ".join(f"'{e}'" for e in sorted(where))
    ax_ph.set_title(f"Surface pH at {at}")
    ax_ph.set_ylabel("pH (-)")
    ax_c.set_title(f"Surface {species} at {at}")
    ax_c.set_ylabel(f"c({species}) (mM = mol/m$^3$)")
    for ax in (ax_ph, ax_c):
        ax.set_xlabel(current_label(runs))
        ax.grid(True, alpha=0.3)
        if ax.lines:
            ax.legend(fontsize=8)
    fig.text(0.01, 0.005, "means and minimum concentration: summary.tsv; pH minimum and "
             "maximum: the electrode's surface nodes in the field files at the targets",
             fontsize=7, color="0.4")
    fig.suptitle(spans_title(runs), fontsize=9)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return finish(fig, out, "surface.png")
