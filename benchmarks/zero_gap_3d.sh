#!/usr/bin/env bash
# The 3D zero-gap MEA case (cases/zero_gap_nitrate, extruded over its 1 cm
# width) at three mesh sizes, the full 200-500 mA/cm2 curve from a cold
# start: DoFs (transport and flow), Newton and linear iterations per target,
# time per phase, peak memory.
#
# Usage: benchmarks/zero_gap_3d.sh [BUILD_DIR] [RANKS] [SIZES] [PETSC_OPTIONS]
#   SIZES: any of S M L XL XXL (default "S M L"):
#     S   shipped 2D mesh x 4 cells across the width
#     M   shipped 2D mesh x 8 cells across the width
#     L   shipped 2D mesh x 10 cells across the width: the largest whose
#         velocity LU fits in 24 GiB (M peaks at 13.9 GB; 12 cells would
#         need about 1.7 times that)
#     XL  one global refinement of the shipped mesh x 4 cells across (8
#         after refinement); the flow is solved one level below (Flow/
#         Coarser mesh levels = 1: the S flow, carried up exactly) and the
#         transport, above the direct-solver limit, with the iterative
#         solver: 2-500 mA/cm2 in 7.7 min on one rank, 2.8 GB (40
#         Krylov iterations per Newton step; see
#         cases/zero_gap_nitrate/README.md).
#     XXL two global refinements of the shipped mesh x 5 cells across (20
#         after refinement): 3.5 million transport DoFs (4 across give
#         2.8 million); the flow two levels below (the shipped mesh at
#         5 cells across, 241k flow DoFs, carried up exactly).
#         2-500 mA/cm2 in 68 min on one rank, 13.9 GB peak (43 Newton
#         steps, 47 Krylov iterations per Newton step).
#   (With 2 cells across, 5 mm each, ammonia undershoots at the channel's
#   outlet corner and the ramp stalls past 300 mA/cm2.)
#   PETSC_OPTIONS: passed to noxflow (benchmarks/cell_3d.sh runs each,
#   with the flow's velocity block on LU: `Flow/Velocity solver = direct`).
# Logs and outputs go to benchmarks/results/ (not tracked).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
ranks=${2:-2}
sizes=${3:-S M L}
petsc_options=${4:-}

run() {
  "$here/cell_3d.sh" zero_gap_nitrate "Zero-gap MEA" "$1" "$2" "$3" "${4:-0}" \
    "$build" "$ranks" "$petsc_options" || true
}

for size in $sizes; do
  case $size in
    S) run 3d-zero-gap-S 0 4 ;;
    M) run 3d-zero-gap-M 0 8 ;;
    L) run 3d-zero-gap-L 0 10 ;;
    XL) run 3d-zero-gap-XL 1 4 1 ;;
    XXL) run 3d-zero-gap-XXL 2 5 2 ;;
  esac
done
