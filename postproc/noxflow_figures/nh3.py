"""Ammonia production from the partial currents of the summary.

A reaction is written as a reduction ox + n e- -> red with stoichiometry
nu_s (products > 0), so it makes species s at nu_s (-j_r) / (n_r F) per
area (j_r < 0 cathodic, summary column j_<r>_mA_cm2). The NH3 rate sums
this over the reactions with an NH3 species (NH3, NH4+) among their
products: the direct 8 e- path (nu = 1, n = 8), or the 6 e- nitrite step of
a nitrate -> nitrite -> ammonia sequence (nu = 1, n = 6), alike. Electrons
and stoichiometry come from the run's parameters.prm, or from
--nh3-reactions NAME:ELECTRONS[:NU],...

FE(NH3) of the product counts the electrons of the whole path from the feed
(8 from nitrate): n_NH3 F rate / |j_WE|, which is 8/6 FE of the nitrite step
when nitrite is an intermediate."""

from collections import namedtuple

import numpy as np

from . import FiguresError
from .prm import split_list, stoichiometry

FARADAY = 96485.33212  # C/mol
# The NH3 options: species counted as ammonia, --nh3-reactions (or None),
# electrons per NH3 from the feed.
Nh3Options = namedtuple("Nh3Options", "species given electrons")
# mA/cm2 / (C/mol) -> mmol/(cm2 h): 1e-3 A/mA x 1e3 mmol/mol x 3600 s/h.
MA_CM2_TO_MMOL_CM2_H = 3600.0


def nh3_reactions(run, species, given=None):
    """[(reaction, electrons, nu)] of the NH3-forming reactions of a run."""
    if given:
        found = []
        for item in split_list(given):
            parts = item.split(":")
            try:
                name, n, nu = parts[0], float(parts[1]), float(parts[2]) if len(parts) > 2 else 1.0
            except (IndexError, ValueError):
                raise FiguresError(f"--nh3-reactions '{item}': expected NAME:ELECTRONS[:NU], "
                                   "e.g. nitrite_to_ammonia:6") from None
            if name not in run.reactions:
                raise FiguresError(f"--nh3-reactions: no reaction '{name}' in "
                                   f"{run.dir}/summary.tsv (reactions: {', '.join(run.reactions)})")
            found.append((name, n, nu))
        return found
    found = []
    for r in run.reactions:
        pre = f"Electrode reactions/{r}/"
        nu = sum(v for s, v in stoichiometry(run.params.get(pre + "Stoichiometry", "")).items()
                 if s in species and v > 0)
        if nu > 0:
            found.append((r, float(run.params.get(pre + "Electrons", "1")), nu))
    return found


def nh3_rate(run, reactions):
    """NH3 production rate per row, mmol/(cm2 h) of working-electrode area."""
    rate = np.zeros(len(run.table))
    for r, n, nu in reactions:
        rate += nu * -run.column(f"j_{r}_mA_cm2") / (n * FARADAY) * MA_CM2_TO_MMOL_CM2_H
    return rate


def nh3_faradaic_efficiency(run, rate, electrons_per_nh3):
    """Share of the working electrode's current that made NH3 (-)."""
    j = run.current_density()
    with np.errstate(divide="ignore", invalid="ignore"):
        return electrons_per_nh3 * FARADAY * rate / MA_CM2_TO_MMOL_CM2_H / j
