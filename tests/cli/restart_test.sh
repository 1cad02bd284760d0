#!/usr/bin/env bash
# Checkpoint/restart: a run under mpirun -np 2 stopped by SIGUSR1 (what Slurm
# sends before a time limit) exits with code 4 after a checkpoint; the newest
# checkpoint is then damaged on purpose, and a serial --restart must report
# it, fall back to the one before it and reach the same results at every
# target as an uninterrupted run. With every checkpoint damaged, --restart
# fails with a clear error.
#   restart_test.sh <noxflow> <source dir>
set -euo pipefail
exe=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mpirun=(mpirun --allow-run-as-root --oversubscribe -np 2)
fail() { echo "FAIL: $*"; for f in "$work"/*.log; do echo "== $f"; tail -20 "$f"; done; exit 1; }

cat > "$work/case.prm" <<PRM
include $src/cases/channel_nitrate/channel_nitrate.prm
subsection Geometry
  set Global refinements = 0
end
subsection Operation
  set Targets = 20, 50, 100, 150
end
subsection Output
  set Checkpoint interval = 1
end
PRM

"$exe" "$work/case.prm" --output "$work/full" > "$work/full.log" 2>&1 ||
  fail "uninterrupted run"

"${mpirun[@]}" "$exe" "$work/case.prm" --output "$work/cut" > "$work/cut.log" 2>&1 &
pid=$!
for _ in $(seq 1200); do
  if [ -f "$work/cut/summary.tsv" ] &&
    [ "$(wc -l < "$work/cut/summary.tsv")" -ge 5 ]; then
    break
  fi
  sleep 0.1
done
kill -USR1 "$pid"
set +e
wait "$pid"
code=$?
set -e
[ "$code" -eq 4 ] || fail "stopped run exited with $code, expected 4"
grep -q "^stopped" "$work/cut/status" || fail "status: $(cat "$work/cut/status")"
n=$(ls -d "$work"/cut/checkpoints/checkpoint-* | wc -l)
[ "$n" -ge 2 ] || fail "expected two checkpoints, found $n"

# Damage the newest checkpoint: truncate its largest file.
newest=$(ls -d "$work"/cut/checkpoints/checkpoint-* | sort | tail -1)
largest=$(ls -S "$newest" | head -1)
truncate -s 10 "$newest/$largest"
"$exe" "$work/case.prm" --output "$work/cut" --restart > "$work/restart.log" 2>&1 ||
  fail "restart"
grep -q "is damaged" "$work/restart.log" || fail "damaged checkpoint not reported"
grep -q "^completed" "$work/cut/status" || fail "restart did not complete"

# Same results at the targets (last row of each target control value).
/usr/bin/env python3 - "$work/full/summary.tsv" "$work/cut/summary.tsv" <<'PY' || fail "results differ"
import csv, sys
def at_targets(path):
    rows = list(csv.DictReader(open(path), delimiter="\t"))
    return {float(r["control"]): r for r in rows if float(r["control"]) in (20.0, 50.0, 100.0, 150.0)}
a, b = at_targets(sys.argv[1]), at_targets(sys.argv[2])
assert sorted(a) == sorted(b) == [20.0, 50.0, 100.0, 150.0], (sorted(a), sorted(b))
steps = [int(r["step"]) for r in csv.DictReader(open(sys.argv[2]), delimiter="\t")]
assert steps == list(range(len(steps))), "summary rows not continuous: %s" % steps
for t in a:
    for col in a[t]:
        if col.startswith(("U_cell", "phi_s", "FE_", "pH_", "cout_")):
            x, y = float(a[t][col]), float(b[t][col])
            assert abs(x - y) <= 1e-6 * (1 + abs(x)), (t, col, x, y)
print("targets agree:", sorted(a))
PY

# Every checkpoint damaged: a clear error, exit code 2.
for c in "$work"/cut/checkpoints/checkpoint-*; do rm -f "$c/manifest"; done
set +e
"$exe" "$work/case.prm" --output "$work/cut" --restart > "$work/none.log" 2>&1
code=$?
set -e
[ "$code" -eq 2 ] || fail "restart without intact checkpoint exited with $code"
grep -q "No intact checkpoint" "$work/none.log" || fail "no clear error"
echo "restart test passed"
