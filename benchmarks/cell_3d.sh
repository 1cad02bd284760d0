#!/usr/bin/env bash
# One shipped cell architecture extruded to 3D, the full 200-500 mA/cm2
# curve from a cold start: DoFs (transport and flow), Newton and linear
# iterations per target, time per phase, peak memory.
#
# Usage: benchmarks/cell_3d.sh CASE GEOMETRY NAME REFINEMENTS WIDTH_CELLS
#          [FLOW_LEVELS] [BUILD_DIR] [RANKS] [PETSC_OPTIONS]
#   CASE: cases/<CASE>/<CASE>.prm, e.g. zero_gap_nitrate
#   GEOMETRY: its Geometry subsection, e.g. "Zero-gap MEA", "GDL flow cell"
#   NAME: the run's name under benchmarks/results/
#   WIDTH_CELLS: coarse cells across the 1 cm width
#   FLOW_LEVELS: Flow/Coarser mesh levels (default 0)
#   PETSC_OPTIONS: passed to noxflow, e.g. "-flow_velocity_pc_type lu
#     -flow_velocity_pc_factor_mat_solver_type mumps"
# Logs and outputs go to benchmarks/results/ (not tracked).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
case_name=$1 geometry=$2 name=$3 refinements=$4 width_cells=$5
flow_levels=${6:-0}
build=${7:-$here/../build}
ranks=${8:-2}
petsc_options=${9:-}
results=$here/results
mkdir -p "$results"
cat >"$results/$name.prm" <<CASE
include $here/../cases/$case_name/$case_name.prm
subsection Geometry
  set Dimension          = 3
  set Global refinements = $refinements
  subsection $geometry
    set Cells width = $width_cells
  end
end
subsection Flow
  set Coarser mesh levels = $flow_levels
  # LU was faster than the low-order AMG at every size it fits in memory
  # (benchmarks/README.md, 3D flow).
  set Velocity solver     = direct
end
CASE
start=$(date +%s)
# shellcheck disable=SC2086
if ! mpirun --allow-run-as-root --oversubscribe -np "$ranks" \
    "$build/solver/noxflow" "$results/$name.prm" --output "$results/$name" \
    $petsc_options >"$results/$name.log" 2>&1; then
  echo "$name failed: $(tail -1 "$results/$name.log")"
  exit 1
fi
echo "== $name ($ranks ranks): wall $(($(date +%s) - start)) s"
grep '^metrics:' "$results/$name.log" | sed 's/^metrics: //' | tr ' ' '\n' | paste -sd' '
echo "   per target (Newton, linear, s):"
grep -E '^  step [0-9]+: j = (200|300|400|500) mA' "$results/$name.log" | sed 's/^/   /'
