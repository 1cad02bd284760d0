"""Command line of noxflow-figures."""

import argparse
import os
import sys

from . import FiguresError
from .current_distribution import current_distribution
from .fields import check_slice, parse_slice
from .maps import MapOptions, maps, nearest_target, parse_range, target_fields
from .nh3 import Nh3Options, nh3_reactions
from .report import report
from .run import Run
from .summary_plots import faradaic_efficiency, polarization, surface

DESCRIPTION = """PNG figures for a report from noxflow run folders:
polarization.png, faradaic_efficiency.png (FE per reaction, NH3 product FE
and NH3 production rate), surface.png (surface pH and a species, default
NO3-), maps_<j>.png (pH and that species at the target nearest --at, regions
outlined; 3D runs on a --slice plane), current_distribution.png, and a
one-page report.png/.pdf per run. Several runs go into the same figures,
labelled by folder name or --label. See postproc/README.md."""


def parser():
    p = argparse.ArgumentParser(prog="noxflow-figures", description=DESCRIPTION)
    p.add_argument("runs", nargs="+", metavar="RUN_DIR",
                   help="noxflow output folder(s) (holding summary.tsv)")
    p.add_argument("--out", default="figures", metavar="DIR",
                   help="folder for the PNGs (created; default: ./figures)")
    p.add_argument("--label", action="append", metavar="TEXT",
                   help="legend text of a run, once per RUN_DIR in order (default: folder name)")
    p.add_argument("--all-steps", action="store_true",
                   help="draw every continuation step as a line, targets as markers")
    p.add_argument("--at", action="append", type=float, metavar="J",
                   help="current density (mA/cm2) of the maps: the nearest target within "
                        "10%% (repeatable; default: the highest target of the first run)")
    p.add_argument("--slice", metavar="AXIS=M",
                   help="plane of the maps of a 3D run, e.g. z=1e-3 (metres); "
                        "default: the mid-plane across z")
    p.add_argument("--species", default="NO3-",
                   help="species of the surface figure and the maps (default NO3-)")
    p.add_argument("--electrode",
                   help="electrode of the surface figure (default: the working electrode)")
    p.add_argument("--nh3-reactions", metavar="NAME:N[:NU],...",
                   help="NH3-forming reactions with their electrons n (and NH3 per reaction, "
                        "default 1), when parameters.prm is missing or to override it")
    p.add_argument("--nh3-species", default="NH3,NH4+",
                   help="species counted as ammonia in the stoichiometry (default NH3,NH4+)")
    p.add_argument("--nh3-electrons", type=float, default=8.0,
                   help="electrons per NH3 from the feed, for the product FE (default 8: nitrate)")
    p.add_argument("--range", action="append", default=[], metavar="FIELD=LOW:HIGH",
                   help="fix the colour range of a map quantity in every run, e.g. "
                        "pH=13:14.5 or NO3-=0:100 (repeatable; a side left empty stays "
                        "per run). Default: each run its own minimum to maximum")
    p.add_argument("--y-stretch", default="auto", metavar="auto|F",
                   help="draw the maps' y axis F times its true length (1: true "
                        "proportions); auto (default) stretches cells flatter than 1:5 "
                        "to about 1:4 by a whole factor, stated on the axis")
    # Before --y-stretch: equal = true proportions, auto = the automatic stretch.
    p.add_argument("--aspect", choices=["equal", "auto"], help=argparse.SUPPRESS)
    return p


def _stretch(args):
    """The y stretch factor asked for, None for automatic."""
    if args.aspect:
        return 1.0 if args.aspect == "equal" else None
    if args.y_stretch == "auto":
        return None
    try:
        factor = float(args.y_stretch)
    except ValueError:
        factor = 0.0
    if not factor > 0:
        raise FiguresError(f"--y-stretch {args.y_stretch}: expected 'auto' or a number > 0 "
                           "(1: true proportions)")
    return factor


def _map_options(args):
    return MapOptions(slice_text=args.slice, species=args.species,
                      ranges=dict(parse_range(r, args.species) for r in args.range),
                      stretch=_stretch(args))


def run(args):
    if args.label and len(args.label) != len(args.runs):
        raise FiguresError(f"--label given {len(args.label)} time(s) for {len(args.runs)} "
                           "run folder(s). Fix: one --label per RUN_DIR, in order, or none.")
    runs = [Run(d, args.label[i] if args.label else None) for i, d in enumerate(args.runs)]
    map_runs, at = _map_choice(args, runs)
    _check(args, runs, map_runs, at)
    options = _map_options(args)
    nh3 = Nh3Options(_nh3_species(args), args.nh3_reactions, args.nh3_electrons)
    try:
        os.makedirs(args.out, exist_ok=True)
    except OSError as e:
        raise FiguresError(f"--out {args.out}: cannot create the folder ({e.strerror}). "
                           "Fix: choose a writable folder.") from None
    polarization(runs, args.out, args.all_steps)
    faradaic_efficiency(runs, args.out, args.all_steps, nh3)
    surface(runs, args.out, args.all_steps, args.species, args.electrode)
    current_distribution(runs, args.out)
    for value in at:
        maps(map_runs, args.out, value, options)
    for r in runs:
        report(r, args.out, options, args.all_steps, nh3, several=len(runs) > 1)


def _nh3_species(args):
    return [s.strip() for s in args.nh3_species.split(",") if s.strip()]


def _map_choice(args, runs):
    """(runs in the maps, current densities of the maps). Without --at: the
    first run's highest target, in the runs that reached it."""
    if args.at:
        return runs, args.at
    if runs[0].fields and len(runs[0].targets):
        at = runs[0].current_density()[runs[0].targets[-1]]
        return [r for r in runs if _has_target(r, at)], [at]
    print(f"note: no maps: {runs[0].dir} has no fields at a target", file=sys.stderr)
    return [], []


def _check(args, runs, map_runs, at):
    """Bad options fail before any figure is written."""
    for r in runs:
        if args.species not in r.species:
            raise FiguresError(f"--species {args.species}: not a species of {r.dir}/summary.tsv "
                               f"(species: {', '.join(r.species)})")
        if args.electrode and args.electrode not in r.electrodes:
            raise FiguresError(f"--electrode {args.electrode}: no such electrode in "
                               f"{r.dir}/summary.tsv (electrodes: {', '.join(r.electrodes)})")
        nh3_reactions(r, _nh3_species(args), args.nh3_reactions)
    axis, position = parse_slice(args.slice)
    for value in at:
        for r in map_runs:
            check_slice(target_fields(r, nearest_target(r, value)), axis, position)


def _has_target(run, at):
    try:
        nearest_target(run, at)
        return True
    except FiguresError:
        print(f"note: {run.dir} is not in the maps: no target near {at:g} mA/cm2",
              file=sys.stderr)
        return False


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        run(args)
    except FiguresError as e:
        print(f"noxflow-figures: error: {e}", file=sys.stderr)
        return 2
    return 0
