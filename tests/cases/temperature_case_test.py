#!/usr/bin/python3
"""The coarse 2D nitrate channel at 25 and 60 C (Operation/Temperature),
every electrode reaction with an activation energy of 40 kJ/mol (typical of
alkaline HER and OER): at 60 C the electrolyte conducts better and the
exchange currents are 5.4 times larger, so the cell voltage falls at every
target, the surface pH is lower (pKw 13.02) and the charge balance closes.

Usage: temperature_case_test.py NOXFLOW SOURCE_DIR"""
import csv
import os
import subprocess
import sys
import tempfile

noxflow, source = sys.argv[1:3]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import check, finish  # noqa: E402

targets = [20.0, 50.0, 100.0]
reactions = ["nitrate_to_nitrite", "nitrite_to_ammonia", "her", "oer"]


def run(work, kelvin):
    case = os.path.join(work, "case_%g.prm" % kelvin)
    with open(case, "w") as f:
        f.write("include %s/cases/channel_nitrate/channel_nitrate.prm\n"
                "subsection Geometry\n  set Global refinements = 0\nend\n"
                "subsection Operation\n  set Targets = %s\n  set Temperature = %g\nend\n"
                "subsection Output\n  set Write fields = false\nend\n"
                "subsection Electrode reactions\n%s\nend\n"
                % (source, ", ".join("%g" % t for t in targets), kelvin,
                   "\n".join("  subsection %s\n    set Activation energy = 40e3\n  end" % r
                             for r in reactions)))
    out = os.path.join(work, "out_%g" % kelvin)
    result = subprocess.run([noxflow, case, "--output", out, "--verbosity", "quiet"],
                            capture_output=True, text=True)
    check(result.returncode == 0, "%g K: exit %d %s" % (kelvin, result.returncode,
                                                        result.stderr[-500:]))
    rows = list(csv.DictReader(open(os.path.join(out, "summary.tsv")), delimiter="\t"))
    return {float(r["control"]): r for r in rows if float(r["control"]) in targets}


with tempfile.TemporaryDirectory() as work:
    cold, warm = run(work, 298.15), run(work, 333.15)
    for t in targets:
        u25, u60 = float(cold[t]["U_cell_V"]), float(warm[t]["U_cell_V"])
        ph25, ph60 = float(cold[t]["pH_cathode"]), float(warm[t]["pH_cathode"])
        print("%g mA/cm2: U_cell %.4f V at 25 C, %.4f V at 60 C; surface pH %.3f, %.3f"
              % (t, u25, u60, ph25, ph60))
        check(u60 < u25, "%g mA/cm2: U_cell does not fall at 60 C" % t)
        check(ph60 < ph25, "%g mA/cm2: surface pH does not fall at 60 C" % t)
        check(abs(float(warm[t]["charge_balance"])) < 1e-10,
              "%g mA/cm2: charge balance %s at 60 C" % (t, warm[t]["charge_balance"]))
finish()
