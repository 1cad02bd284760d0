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
import os
import sys

from . import SweepError
from .layout import SweepDir
from .status import DONE, states
from .summary import Damaged, completed_run
from .sweepfile import RANKS

NH3, NO3, ELECTRONS_NO3_TO_NH3 = "NH3", "NO3-", 8
QUANTITIES = [("U_cell_V", "cell voltage (V)"), ("FE_NH3", "FE(NH3)"),
              ("pH_surface", "surface pH, working electrode"),
              ("nitrate_conversion", "nitrate conversion")]


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
        axes = [[p for p in a if p != RANKS] for a in sd.meta.get("axes", [[p] for p in swept])]
        _plots(results, rows, [a for a in axes if a])
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


def _plots(results, rows, axes):
    """One PNG per quantity, one panel per sweep axis (zipped parameters share
    an axis; x is its first parameter), one line per target and per values of
    the other axes. Only rows at targets are plotted."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("no plots: matplotlib is missing (Debian: apt-get install python3-matplotlib)")
        return
    axes = [a for a in axes if all(_num(r[a[0]]) is not None for r in rows)]
    if not axes:
        print("no plots: no numeric swept parameter")
        return
    at = [r for r in rows if r["at_target"]]
    for q, label in QUANTITIES:
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
                desc = ", ".join(f"{_short(o)} = {v}" for o, v in zip(others, key[1:]))
                ax.plot([x for x, _ in pts], [y for _, y in pts], "o-",
                        label=f"target {key[0]}" + (f", {desc}" if desc else ""))
            xlabel = p + "".join(f"\n(with {z})" for z in axis[1:])
            ax.set_xlabel(xlabel, fontsize=8)
            ax.set_ylabel(label)
            ax.grid(True, alpha=0.3)
            if len(groups) <= 12:
                ax.legend(fontsize=7)
        fig.tight_layout()
        fig.savefig(os.path.join(results, f"{q}.png"), dpi=120)
        plt.close(fig)
    print(f"plots: {', '.join(q + '.png' for q, _ in QUANTITIES)} in {results}")
