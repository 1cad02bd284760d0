#!/usr/bin/env bash
# Local mode of noxflow-sweep: expand a 4-point sweep, run it with GNU
# parallel, aggregate and check the table against the runs' summaries; a run
# with a corrupted case is reported failed with the reason and resubmit reruns
# it alone, leaving finished runs untouched; bad sweep files fail cleanly.
# Usage: sweep_local_test.sh NOXFLOW SOURCE_DIR
set -u
export NOXFLOW=$1
src=$2
here=$src/tests/sweep
sweep=(/usr/bin/python3 "$src/cluster/noxflow-sweep")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export NOXFLOW_SWEEP_MPIRUN="mpirun --oversubscribe"
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
d=$work/sw

# Expand; corrupt point 2's case so that its run fails as invalid input.
"${sweep[@]}" expand "$here/channel_coarse.sweep" -o "$d" || fail "expand"
[ "$(ls "$d/runs" | wc -l)" -eq 4 ] || fail "expected 4 run folders: $(ls "$d/runs")"
grep -q "base_sha256.*$(sha256sum "$src/cases/channel_nitrate/channel_nitrate.prm" | cut -c1-64)" \
  "$d/runs/0002/point.json" || fail "point.json lacks the base case's sha256"
cp "$d/runs/0002/case.prm" "$work/good.prm"
sed -i 's/^\( *set Mean velocity\) = .*/\1 = -1/' "$d/runs/0002/case.prm"

"${sweep[@]}" run-local "$d" -j 2 && fail "run-local succeeded with a corrupted case"
"${sweep[@]}" status "$d" >"$work/status.txt"
[ $? -eq 1 ] || fail "status should exit 1 with a failed run"
cat "$work/status.txt"
grep -q "1 failed" "$work/status.txt" || fail "status does not count 1 failed run"
grep -q "0002 failed .*invalid input.*Mean velocity = -1" "$work/status.txt" ||
  fail "status does not list point 2 as failed with the reason"

# Partial aggregation: the three finished runs.
"${sweep[@]}" aggregate "$d" || fail "aggregate"
/usr/bin/python3 - "$d" <<'PY' || fail "partial table"
import csv, sys
pts = {r["point"] for r in csv.DictReader(open(sys.argv[1] + "/results/sweep.csv"))}
sys.exit(0 if pts == {"0", "1", "3"} else print("points in table:", pts) or 1)
PY

# Fix the case and resubmit: only point 2 runs; finished runs stay as they were.
snapshot() { (cd "$d/runs" && find 0000 0001 0003 -type f -exec sha256sum {} + | sort; ls -l --time-style=+%s.%N 0000/output 0001/output 0003/output); }
snapshot >"$work/before"
cp "$work/good.prm" "$d/runs/0002/case.prm"
"${sweep[@]}" resubmit "$d" -j 2 || fail "resubmit"
snapshot >"$work/after"
diff "$work/before" "$work/after" >/dev/null || fail "resubmit touched a finished run: $(diff "$work/before" "$work/after" | head -5)"
last_log=$(ls "$d"/logs/parallel-*.log | tail -n 1)
[ "$(grep -v '^Seq' "$last_log" | awk '{print $NF}')" = 0002 ] ||
  fail "resubmit should run point 0002 alone: $(cat "$last_log")"
[ -f "$d/runs/0002/failed-1/status" ] || fail "the failed attempt was not kept in failed-1/"
"${sweep[@]}" status "$d" | tee "$work/status2.txt"
grep -q "4 done" "$work/status2.txt" || fail "not all runs done after resubmit"

# A completed point is never run again.
"${sweep[@]}" run-point "$d" 1 | grep -q "already completed" || fail "run-point reran a completed run"
snapshot >"$work/after2"
diff -q "$work/before" "$work/after2" >/dev/null || fail "run-point touched a finished run"

"${sweep[@]}" aggregate "$d" || fail "aggregate"
/usr/bin/python3 "$here/check_aggregate.py" "$d" 4 || fail "aggregated table"

# Bad sweep files: clear error naming the parameter and the fix, exit 2, no folder.
bad() {
  local name=$1 pattern=$2
  cat >"$work/$name.sweep"
  "${sweep[@]}" expand "$work/$name.sweep" -o "$work/out-$name" 2>"$work/$name.err"
  local rc=$?
  echo "$name: $(cat "$work/$name.err")"
  [ $rc -eq 2 ] || fail "$name: exit code $rc, expected 2"
  grep -qF -- "$pattern" "$work/$name.err" || fail "$name: error lacks '$pattern'"
  ls -d "$work"/out-"$name"* >/dev/null 2>&1 && fail "$name: a sweep folder was left behind"
}
base=$src/cases/channel_nitrate/channel_nitrate.prm
bad unknown_parameter "'Flow/Mean velocty' is not a parameter" <<EOF2
base = "$base"
[parameters]
"Flow/Mean velocty" = [0.02, 0.05]
EOF2
bad unequal_zip "'Flow/Mean velocity' has 2, 'Geometry/Global refinements' has 3 values" <<EOF2
base = "$base"
combine = "zip"
[parameters]
"Flow/Mean velocity" = [0.02, 0.05]
"Geometry/Global refinements" = [0, 1, 2]
EOF2
bad missing_base "no such file $work/no_such_case.prm" <<EOF2
base = "no_such_case.prm"
[parameters]
"Flow/Mean velocity" = [0.02, 0.05]
EOF2
bad invalid_value "Flow/Mean velocity = -0.05" <<EOF2
base = "$base"
[parameters]
"Flow/Mean velocity" = [0.02, -0.05]
EOF2

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
