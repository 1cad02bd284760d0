"""One table of every finished run's summary, and plots.

Columns: point, run folder, the swept parameters (by their .prm path), MPI
ranks, the derived columns below, then every column of summary.tsv as is
(U_cell_V is the cell voltage). Only intact rows of runs that completed are
taken; a damaged run (see summary.py) is skipped with one line on stderr.
Derived columns (the inputs are the run's own parameters.prm and summary.tsv):
  FE_NH3              8 x sum over the working electrode's reactions of
                      nu_NH3 j_r / n_r, divided by j_WE: the share of the
                      current that made NH3, counting the 8 electrons of
                      nitrate -> ammonia (= 8/6 FE of nitrite -> ammonia in
                      the channel case)
  pH_surface          mean surface pH at the working electrode (pH_<electrode>)
  nitrate_conversion  1 - cout_NO3-_mM / (Species/NO3-/Inlet concentration):
                      the flux-averaged outlet concentration against the inlet
  at_target           1 on rows at an operating target (Operation/Targets),
                      0 on continuation steps between targets
"""

import csv
import importlib.util
import os
import re
import sys

from . import SweepError
from .layout import SweepDir
from .prm import PrmText, parameter_units
from .status import DONE, states
from .summary import Damaged, completed_run
from .sweepfile import RANKS

NH3, NO3, ELECTRONS_NO3_TO_NH3 = "NH3", "NO3-", 8
QUANTITIES = [("U_cell_V", "cell voltage $U_{cell}$ (V)"), ("FE_NH3", "FE(NH$_3$) (-)"),
              ("pH_surface", "surface pH, working electrode (-)"),
              ("nitrate_conversion", "nitrate conversion (-)")]


def _num(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def _list(v):
    return [x.strip() for x in v.split(",") if x.strip()]


def _stoich(v):
    out = {}
    for item in _list(v):
        name, _, nu = item.rpartition(":")
        out[name.strip()] = float(nu)
    return out


def derived(params, header, row):
    """The derived quantities of one summary row (None where not defined)."""
    r = dict(zip(header, row))
    we = params.get("Operation/Working electrode", "")
    j_we = _num(r.get(f"j_{we}_mA_cm2"))
    nh3 = 0.0
    have = False
    for reaction in _list(params.get("Electrode reactions/Names", "")):
        pre = f"Electrode reactions/{reaction}/"
        if params.get(pre + "Electrode") != we:
            continue
        nu = _stoich(params.get(pre + "Stoichiometry", "")).get(NH3, 0.0)
        j = _num(r.get(f"j_{reaction}_mA_cm2"))
        n = _num(params.get(pre + "Electrons"))
        if nu and j is not None and n:
            nh3 += nu * j / n
            have = True
    fe = ELECTRONS_NO3_TO_NH3 * nh3 / j_we if have and j_we else None
    c_in = _num(params.get(f"Species/{NO3}/Inlet concentration"))
    c_out = _num(r.get(f"cout_{NO3}_mM"))
    conv = 1 - c_out / c_in if c_in and c_out is not None else None
    targets = [_num(t) for t in _list(params.get("Operation/Targets", ""))]
    control = _num(r.get("control"))
    at = control is not None and any(
        t is not None and abs(abs(control) - abs(t)) <= 1e-6 * max(1.0, abs(t)) for t in targets)
    return {"at_target": int(at), "FE_NH3": fe,
            "pH_surface": _num(r.get(f"pH_{we}")), "nitrate_conversion": conv}


def aggregate(directory, plots=True):
    """Writes results/sweep.csv (and PNGs); returns (csv path, n runs, n rows)."""
    sd = SweepDir(directory)
    swept = [p for p in sd.meta["swept"]]
    results = os.path.join(sd.dir, "results")
    os.makedirs(results, exist_ok=True)
    done, rows, summary_cols = [], [], []
    for i, state, detail in states(directory):
        if state != DONE:
            if detail.startswith("damaged"):
                _skipped(i, detail)
            continue
        try:
            run_rows, header = _run_rows(sd, i, swept)
        except (Damaged, SweepError) as e:  # point.json, or a run changed since
            _skipped(i, f"damaged: {e}")
            continue
        done.append(i)
        rows.extend(run_rows)
        for c in header:
            if c not in summary_cols:
                summary_cols.append(c)
    derived_cols = ["at_target", "FE_NH3", "pH_surface", "nitrate_conversion"]
    cols = (["point", "run"] + swept + ([RANKS] if RANKS not in swept else [])
            + derived_cols)
    cols += [c for c in summary_cols if c not in cols]
    path = os.path.join(results, "sweep.csv")
    tmp = path + ".tmp"
    with open(tmp, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for rec in rows:
            w.writerow(["" if rec.get(k) is None else rec[k] for k in cols])
    os.replace(tmp, path)
    print(f"{path}: {len(rows)} rows from {len(done)} finished run(s) of {sd.n_points}")
    if plots and rows:
        _plots(results)
    return path, len(done), len(rows)


def _skipped(i, why):
    print(f"noxflow-sweep aggregate: point {i:04d} skipped: {why}", file=sys.stderr)


def _run_rows(sd, i, swept):
    """The table rows of completed run i and its summary header; Damaged or
    SweepError if its output or point.json cannot be used."""
    out = os.path.join(sd.run_dir(i), "output")
    params, summary = completed_run(out)
    point = sd.point(i)
    values = point.get("swept")
    if not isinstance(values, dict):
        raise SweepError(f"{sd.run_dir(i)}/point.json has no swept values")
    rows = []
    for row in summary.rows:
        rec = {"point": i, "run": os.path.relpath(out, sd.dir)}
        rec.update({p: values.get(p) for p in swept})
        if RANKS not in swept:
            rec[RANKS] = point.get("ranks")
        rec.update(derived(params, summary.header, row))
        rec.update({c: v for c, v in zip(summary.header, row) if c not in rec})
        rows.append(rec)
    return rows, summary.header


def _short(path):
    return "/".join(path.split("/")[-2:])


def _with_exponents(unit):
    """'m2/s' -> 'm$^{2}$/s' (matplotlib mathtext), as the figures write it."""
    return re.sub(r"(?<=[A-Za-z])(-?[0-9])", r"$^{\1}$", unit)


def parameter_label(path, units):
    """Axis label of a swept parameter: 'Flow/Mean velocity' -> 'Mean
    velocity (m/s)', 'Species/NO3-/Inlet concentration' -> 'NO3- inlet
    concentration (mol/m3)'. The unit is what the run's parameter listing
    documents ('-': a pure number)."""
    parts = path.split("/")
    name = parts[-1]
    if len(parts) >= 3:  # the parent names the instance: a species, a layer
        name = f"{parts[-2]} {name[0].lower()}{name[1:]}"
    unit = units.get(path)
    return f"{name} ({_with_exponents(unit) if unit else 'no unit documented'})"


def _listing(sweep_dir, rows):
    """(units, operating mode) from the parameters.prm of the first run in
    the table: every run of a sweep documents the same parameters."""
    path = os.path.join(sweep_dir, rows[0]["run"], "parameters.prm")
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return {}, "galvanostatic"
    return parameter_units(text), PrmText(text).values().get("Operation/Mode", "galvanostatic")


def _target_unit(mode):
    return "V" if mode == "potentiostatic" else "mA/cm$^2$"


def sweep_figures(directory):
    """[(quantity, figure)] of results/sweep.csv: one figure per quantity,
    one panel per sweep axis (zipped parameters share an axis; x is its
    first parameter), one line per target and per values of the other axes.
    Only rows at targets are drawn. The figures are not saved (tests read
    their labels); needs matplotlib."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    sd = SweepDir(directory)
    with open(os.path.join(sd.dir, "results", "sweep.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    swept = list(sd.meta["swept"])
    axes = [[p for p in a if p != RANKS] for a in sd.meta.get("axes", [[p] for p in swept])]
    axes = [a for a in axes if a and all(_num(r[a[0]]) is not None for r in rows)]
    at = [r for r in rows if _num(r["at_target"])]
    if not axes or not at:
        return []
    units, mode = _listing(sd.dir, rows)
    return [(q, _quantity_figure(plt, at, axes, q, label, units, mode))
            for q, label in QUANTITIES]


def _quantity_figure(plt, at, axes, q, label, units, mode):
    fig, panels = plt.subplots(1, len(axes), figsize=(5 * len(axes), 4), squeeze=False)
    for ax, axis in zip(panels[0], axes):
        p = axis[0]
        others = [a[0] for a in axes if a is not axis]
        groups = {}
        for r in at:
            if _num(r.get(q)) is None:
                continue
            key = (r["control"],) + tuple(r[o] for o in others)
            groups.setdefault(key, []).append((_num(r[p]), _num(r[q])))
        for key, pts in sorted(groups.items(), key=lambda kv: [_num(x) or 0 for x in kv[0]]):
            pts.sort()
            desc = ", ".join(f"{_short(o)} = {v} {_with_exponents(units.get(o) or '')}".rstrip()
                             for o, v in zip(others, key[1:]))
            ax.plot([x for x, _ in pts], [y for _, y in pts], "o-",
                    label=f"target {key[0]} {_target_unit(mode)}" + (f", {desc}" if desc else ""))
        xlabel = parameter_label(p, units) + "".join(
            f"\n(with {parameter_label(z, units)})" for z in axis[1:])
        ax.set_xlabel(xlabel, fontsize=8)
        ax.set_ylabel(label)
        ax.grid(True, alpha=0.3)
        if len(groups) <= 12:
            ax.legend(fontsize=7)
    fig.tight_layout()
    return fig


def _plots(results):
    """Saves sweep_figures() as results/<quantity>.png."""
    if importlib.util.find_spec("matplotlib") is None:
        print("no plots: matplotlib is missing (Debian: apt-get install python3-matplotlib)")
        return
    figures = sweep_figures(os.path.dirname(results))
    if not figures:
        print("no plots: no numeric swept parameter or no row at a target")
        return
    import matplotlib.pyplot as plt  # after sweep_figures() chose the Agg backend
    for q, fig in figures:
        fig.savefig(os.path.join(results, f"{q}.png"), dpi=120)
        plt.close(fig)
    print(f"plots: {', '.join(q + '.png' for q, _ in figures)} in {results}")
