#!/usr/bin/env bash
# Flow solve (Taylor-Hood, Navier-Stokes, developing flow from a uniform
# inlet) on the default channel at three mesh sizes, 2D and 3D: DoFs, Newton
# and FGMRES iterations, time per phase and peak memory.
#   benchmarks/flow_scaling.sh [build-dir] [--3d]
set -euo pipefail
build=${1:-build}
dims="2"
[ "${2:-}" = "--3d" ] && dims="2 3"
here=$(cd "$(dirname "$0")/.." && pwd)
exe=$(cd "$build" && pwd)/solver/noxflow
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for dim in $dims; do
  for ref in 0 1 2; do
    [ "$dim" = 3 ] && [ "$ref" = 2 ] && continue
    case_file=$work/flow-$dim-$ref.prm
    cat > "$case_file" <<PRM
include $here/cases/channel_nitrate/channel_nitrate.prm
subsection Geometry
  set Dimension = $dim
  set Global refinements = $ref
  subsection Channel
    set Cells height = $([ "$dim" = 3 ] && echo 12 || echo 24)
    set Cells electrode = $([ "$dim" = 3 ] && echo 16 || echo 40)
  end
end
subsection Flow
  set Model = navier-stokes
  set Velocity profile = uniform
end
subsection Operation
  set Targets = 20
end
subsection Output
  set Write fields = false
end
PRM
    start=$(date +%s.%N)
    log=$("$exe" "$case_file" --output "$work/out-$dim-$ref" 2>&1) ||
      echo "(the transport run failed: $(echo "$log" | tail -1))"
    end=$(date +%s.%N)
    echo "== ${dim}D, refinements $ref (run $(echo "$end - $start" | bc) s)"
    echo "$log" | grep -E "^Flow|^  Newton|^  pressure drop|^metrics"
  done
done
