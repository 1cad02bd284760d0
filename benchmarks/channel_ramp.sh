#!/usr/bin/env bash
# The default channel case's whole ramp as shipped (cold start, 20-500
# mA/cm2, Global refinements = 1, one rank): DoFs, Newton and linear
# iterations, time per phase, peak memory, and the Newton iterations and
# wall time of crossing the nitrate plateau (200 -> 300 mA/cm2).
#
# Usage: benchmarks/channel_ramp.sh [BUILD_DIR] [REFINEMENTS]
# Log and output go to benchmarks/results/ (not tracked).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
refinements=${2:-1}
results=$here/results
mkdir -p "$results"
name=channel-ramp-ref$refinements
sed "s/set Global refinements = 1/set Global refinements = $refinements/" \
  "$here/../cases/channel_nitrate/channel_nitrate.prm" >"$results/$name.prm"
start=$(date +%s%N)
"$build/solver/noxflow" "$results/$name.prm" --output "$results/$name" \
  --overwrite >"$results/$name.log" 2>&1
wall=$((($(date +%s%N) - start) / 1000000))
grep '^metrics:' "$results/$name.log"
awk -v ms="$wall" 'BEGIN { printf "wall_s=%.1f\n", ms / 1000 }'
# The accepted point at 300 mA/cm2 carries the work done to reach it.
grep -E "step [0-9]+: j = 300 mA/cm2" "$results/$name.log" |
  sed 's/^ *step [0-9]*: /plateau crossing 200 -> 300 mA\/cm2: /'
