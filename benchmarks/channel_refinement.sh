#!/usr/bin/env bash
# Mesh convergence of the default channel case: runs it at three uniform
# refinements (Global refinements 0, 1, 2; 9k, 37k, 145k DoFs) to the
# targets below its nitrate plateau (20, 100, 200 mA/cm2) and prints, per
# target, U_cell and the Faradaic efficiencies at each level, the
# differences between levels and the observed order
# p = log2(|q1 - q0| / |q2 - q1|) (2 for a second-order method).
#
# Usage: benchmarks/channel_refinement.sh [BUILD_DIR] [TARGETS]
# Logs and outputs go to benchmarks/results/ (not tracked).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
targets=${2:-20, 100, 200}
noxflow=$build/solver/noxflow
base=$here/../cases/channel_nitrate/channel_nitrate.prm
results=$here/results/refinement
mkdir -p "$results"

for r in 0 1 2; do
  sed "s/set Global refinements = 1/set Global refinements = $r/; s/set Targets           = .*/set Targets = $targets/" \
    "$base" >"$results/ref$r.prm"
  printf 'subsection Output\n  set Write fields = false\nend\n' >>"$results/ref$r.prm"
  start=$(date +%s)
  if ! "$noxflow" "$results/ref$r.prm" --output "$results/ref$r" >"$results/ref$r.log" 2>&1; then
    echo "ref$r failed: $(tail -1 "$results/ref$r.log")"
  fi
  echo "ref$r: $(grep '^metrics:' "$results/ref$r.log" | sed 's/^metrics: //' | cut -d' ' -f1-4), wall $(($(date +%s) - start)) s"
done

python3 - "$results" <<'EOF'
import csv, math, sys
folder = sys.argv[1]
levels = []
for r in range(3):
    try:
        rows = list(csv.DictReader(open(f"{folder}/ref{r}/summary.tsv"), delimiter="\t"))
    except FileNotFoundError:
        rows = []
    levels.append({row["control"]: row for row in rows})
columns = ["U_cell_V"] + [c for c in (next(iter(levels[1].values())) if levels[1] else {})
                          if c.startswith("FE_") and not c.startswith("FE_product")]
print(f"{'target':>7} {'quantity':<28} {'ref0':>12} {'ref1':>12} {'ref2':>12} {'d01':>10} {'d12':>10} {'order':>6}")
for target in sorted(levels[1], key=float):
    for column in columns:
        values = [float(level[target][column]) if target in level else math.nan for level in levels]
        d01, d12 = values[1] - values[0], values[2] - values[1]
        order = math.log2(abs(d01) / abs(d12)) if d12 and not math.isnan(d01 * d12) else math.nan
        print(f"{target:>7} {column:<28} {values[0]:12.6g} {values[1]:12.6g} {values[2]:12.6g} "
              f"{d01:10.2e} {d12:10.2e} {order:6.2f}")
EOF
