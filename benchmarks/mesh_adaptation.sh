#!/usr/bin/env bash
# Adaptive against uniform refinement: runs a case at Global refinements =
# BASE, BASE+1 and BASE+2 (uniform; BASE+2 is the reference) and adapted
# from BASE up to two levels: by Kelly's indicator (one cycle per target, at
# most a third of the reference's cells) and by electrode layers (two cycles
# per target, 1e-4 m), then prints per target the relative U_cell and
# largest FE differences to the reference, and the DoFs.
#
# Usage: benchmarks/mesh_adaptation.sh [BUILD_DIR] [CASE] [BASE]
#   default case: cases/channel_nitrate/channel_nitrate.prm, BASE 0.
# Logs and outputs go to benchmarks/results/adaptation/ (not tracked).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
case_file=$(realpath "${2:-$here/../cases/channel_nitrate/channel_nitrate.prm}")
base=${3:-0}
noxflow=$build/solver/noxflow
results=$here/results/adaptation
mkdir -p "$results"

run() { # name, extra case text
  printf 'include %s\nsubsection Output\n  set Write fields = false\nend\n%s\n' \
    "$case_file" "$2" >"$results/$1.prm"
  local start
  start=$(date +%s)
  if ! "$noxflow" "$results/$1.prm" --output "$results/$1" --overwrite >"$results/$1.log" 2>&1; then
    echo "$1 failed: $(tail -1 "$results/$1.log")"
  fi
  echo "$1: $(grep '^metrics:' "$results/$1.log" | sed 's/^metrics: //' | cut -d' ' -f1-4), wall $(($(date +%s) - start)) s"
}
for r in $((base + 2)) $((base + 1)) $base; do
  run "uniform$r" "subsection Geometry
  set Global refinements = $r
end"
done
cells=$(grep -o '[0-9]* cells' "$results/uniform$((base + 2)).log" | head -1 | cut -d' ' -f1)
run kelly "subsection Geometry
  set Global refinements = $base
end
subsection Mesh adaptation
  set Indicator = kelly
  set Cycles per target = 1
  set Maximum levels = 2
  set Maximum cells = $((cells / 3))
end"
run layers "subsection Geometry
  set Global refinements = $base
end
subsection Mesh adaptation
  set Cycles per target = 2
  set Maximum levels = 2
  set Indicator = electrode layers
end"
/usr/bin/python3 "$here/compare_targets.py" "$results/uniform$((base + 2))" \
  "$results/uniform$((base + 1))" "$results/uniform$base" "$results/kelly" \
  "$results/layers"
