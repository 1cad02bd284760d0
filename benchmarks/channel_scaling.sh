#!/usr/bin/env bash
# Runs the default channel case (ramp to 20 and 100 mA/cm2) at three mesh
# sizes in 2D (37k, 144k, 576k DoFs), with the default linear solver and with
# the iterative one, and optionally a 3D extrusion; prints DoFs, Newton and
# linear iterations, time per phase and peak memory.
#
# Usage: benchmarks/channel_scaling.sh [BUILD_DIR] [--3d]
# LEVELS="1 2 3 4" ITERATIVE_ONLY=1 benchmarks/channel_scaling.sh adds the
# fourth level (2.3M DoFs, about 7 GB) and skips the default-solver runs.
# From level 3 on the flow runs two levels coarser (Flow/Coarser mesh levels).
# The 3D runs (levels LEVELS_3D, default "0 1") prescribe the flow profile.
# Logs and outputs go to benchmarks/results/ (not tracked).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
noxflow=$build/solver/noxflow
base=$here/../cases/channel_nitrate/channel_nitrate.prm
results=$here/results
mkdir -p "$results"

# run NAME SED_SCRIPT [LINEAR_SOLVER_TYPE]
run() {
  local name=$1 edit=$2 solver=${3:-auto}
  {
    sed "$edit; s/set Targets           = 20, 50, 100, 200, 300, 400, 500/set Targets = 20, 100/" "$base"
    printf 'subsection Continuation\n  set Start fraction = 0.25\nend\n'
    if [ "${4:-1}" = 3d ]; then
      # The 3D flow stage's velocity block runs on LU (issue #15): the
      # transport's figures with the Poiseuille profile prescribed.
      printf 'subsection Flow\n  set Model = prescribed\nend\n'
    elif [ "${4:-1}" -ge 3 ]; then
      printf 'subsection Flow\n  set Coarser mesh levels = 2\nend\n'
    fi
    printf 'subsection Linear solver\n  set Type = %s\nend\n' "$solver"
  } >"$results/$name.prm"
  local start=$(date +%s%N)
  if ! "$noxflow" "$results/$name.prm" --output "$results/$name" >"$results/$name.log" 2>&1; then
    echo "$name failed: $(tail -1 "$results/$name.log")"
    return
  fi
  local wall_ns=$(($(date +%s%N) - start))
  grep '^metrics:' "$results/$name.log" | sed 's/^metrics: //' | awk -v n="$name" -v w="$wall_ns" '{
    for (i = 1; i <= NF; ++i) { split($i, kv, "="); m[kv[1]] = kv[2] }
    mdof = m["dofs"] / 1e6
    printf "%-14s %8d %6d %5.0f %8.2f %8.2f %7.2f %7.1f %8.2f %8.2f %7.2f\n", n, m["dofs"],
      m["newton"], m["linear"] / m["newton"], m["setup_s"], m["assembly_s"], m["solve_s"],
      w / 1e9, m["assembly_s"] / m["newton"] / mdof,
      (m["assembly_s"] + m["solve_s"]) / m["newton"] / mdof, m["peak_MB"] * 1024 / m["dofs"]
  }'
}

printf "%-14s %8s %6s %5s %8s %8s %7s %7s %8s %8s %7s\n" case DoFs Newton lin/N \
  setup_s asm_s solve_s wall_s asm/MDoF step/MDoF kB/DoF
echo "(lin/N: Krylov iterations per Newton step, both bordered solves; asm/MDoF and"
echo " step/MDoF: s per Newton step per MDoF, assembly incl. line search, and assembly+solve)"
for r in ${LEVELS:-1 2 3}; do
  if [ -z "${ITERATIVE_ONLY:-}" ]; then
    run "2d-ref$r" "s/set Global refinements = 1/set Global refinements = $r/" auto "$r"
  fi
  run "2d-ref$r-iter" "s/set Global refinements = 1/set Global refinements = $r/" iterative "$r"
done
if [ "${2:-}" = "--3d" ]; then
  for r in ${LEVELS_3D:-0 1}; do
    run "3d-ref$r" "s/set Dimension          = 2/set Dimension          = 3/; s/set Global refinements = 1/set Global refinements = $r/" iterative 3d
  done
fi
