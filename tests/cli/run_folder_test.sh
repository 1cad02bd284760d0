#!/usr/bin/env bash
# A run folder holds one run, never lost or mixed (issue: run-folder safety):
#  1. --restart of a completed run exits 0 and touches nothing;
#  2. a new run refuses a finished run's folder (exit 2, nothing changed);
#     --overwrite replaces it (no old files left);
#  3. a second run into a folder in use is refused; the first completes;
#  4. a killed run (kill -9) is reported as died by the next command;
#  5. a restart with a changed physics parameter exits 2 naming it; a restart
#     with more targets continues without repeating the checkpoint's row;
#  6. SIGTERM during set-up: exit 4, status "stopped", nothing to restart;
#  7. Start fraction = 1 writes the first target once;
#  8. a full disk (a small tmpfs, mpirun -np 2): exit 1, status
#     "failed: <path>: ...", no abort or stack trace, and the last checkpoint
#     restarts elsewhere to the end (skipped where tmpfs cannot be mounted);
#  9. run records: run.json (version, command line, host, ranks, times,
#     exit code, status) and run.log after success, stop and failure, not
#     after refused input; --verbosity quiet prints one line per point;
#     --version.
#   run_folder_test.sh <noxflow> <source dir>
set -uo pipefail
exe=$1
src=$2
work=$(mktemp -d)
mounted=""
cleanup() {
  [ -n "$mounted" ] && umount "$mounted" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
mpirun=(mpirun --allow-run-as-root --oversubscribe -np 2)
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
pass() { echo "ok: $*"; }
cd "$work" || exit 1

cat > case.prm <<PRM
include $src/cases/channel_nitrate/channel_nitrate.prm
subsection Geometry
  set Global refinements = 0
end
subsection Operation
  set Targets = 20, 50
end
PRM
sed 's/20, 50$/20, 50, 100/' case.prm > more.prm
cat > faster_flow.prm <<'PRM'
include more.prm
subsection Flow
  set Mean velocity = 0.02
end
PRM

# 1. A completed run, restarted: nothing to do, nothing touched.
"$exe" case.prm --output a > a.log 2>&1 || fail "first run exited $?"
before=$(find a -type f -exec md5sum {} + | sort)
"$exe" case.prm --output a --restart > a2.log 2>&1
code=$?
after=$(find a -type f -exec md5sum {} + | sort)
[ "$code" -eq 0 ] && grep -q "Nothing to do" a2.log && [ "$before" = "$after" ] &&
  pass "restart of a completed run" ||
  fail "restart of a completed run: exit $code, $(cat a2.log)"

# 2. A new run into a finished run's folder: refused; --overwrite replaces.
"$exe" case.prm --output a > a3.log 2>&1
code=$?
after=$(find a -type f -exec md5sum {} + | sort)
[ "$code" -eq 2 ] && grep -q -- "--overwrite" a3.log && [ "$before" = "$after" ] &&
  pass "new run refuses a finished run's folder" ||
  fail "new run into a finished folder: exit $code, $(cat a3.log)"
touch a/fields-0099.h5
"$exe" case.prm --output a --overwrite > a4.log 2>&1
code=$?
[ "$code" -eq 0 ] && [ ! -e a/fields-0099.h5 ] && grep -q "^completed" a/status &&
  pass "--overwrite clears and reruns" || fail "--overwrite: exit $code"
mkdir -p notarun && touch notarun/thesis.tex
"$exe" case.prm --output notarun --overwrite > n.log 2>&1
[ $? -eq 2 ] && [ -e notarun/thesis.tex ] &&
  pass "--overwrite never clears a folder without a run" ||
  fail "--overwrite of a foreign folder: $(cat n.log)"

# 3. Two runs into one folder: the second is refused, the first completes.
"$exe" case.prm --output b > b1.log 2>&1 &
first=$!
for _ in $(seq 200); do [ -e b/run.lock ] && break; sleep 0.05; done
"$exe" case.prm --output b > b2.log 2>&1
code=$?
wait $first
first_code=$?
rows=$(($(wc -l < b/summary.tsv) - 1))
[ "$code" -eq 2 ] && grep -q "in use by another run" b2.log &&
  [ "$first_code" -eq 0 ] && [ "$rows" -eq "$(($(wc -l < a/summary.tsv) - 1))" ] &&
  pass "a folder in use is refused" ||
  fail "two runs in one folder: second exit $code, first exit $first_code, $rows rows"

# 4. A run killed with -9 is reported as died.
"$exe" more.prm --output c > c1.log 2>&1 &
victim=$!
for _ in $(seq 400); do
  [ -f c/summary.tsv ] && [ "$(wc -l < c/summary.tsv)" -ge 3 ] && break
  sleep 0.05
done
kill -9 $victim
wait $victim 2>/dev/null
"$exe" more.prm --output c > c2.log 2>&1
code=$?
[ "$code" -eq 2 ] && grep -q "^died" c/status &&
  pass "a killed run is reported as died" ||
  fail "killed run: exit $code, status $(cat c/status)"

# 5. The checkpoint belongs to its case; targets may be extended.
"$exe" faster_flow.prm --output a --restart > f.log 2>&1
code=$?
[ "$code" -eq 2 ] && grep -q "Flow/Mean velocity: 0.05 -> 0.02" f.log &&
  pass "a changed case is refused on restart" ||
  fail "changed case restart: exit $code, $(cat f.log)"
"$exe" more.prm --output a --restart > m.log 2>&1
code=$?
/usr/bin/python3 - a/summary.tsv <<'PY' && [ "$code" -eq 0 ] &&
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
steps = [int(r["step"]) for r in rows]
controls = [float(r["control"]) for r in rows]
assert steps == list(range(len(rows))), steps
assert len(set(controls)) == len(controls), controls
assert controls[-1] == 100.0, controls
PY
  pass "more targets continue the run, no row repeated" ||
  fail "extended restart: exit $code, $(tail -3 m.log)"

# 6. SIGTERM during set-up (the flow solve): a clean stop.
"$exe" case.prm --output d > d.log 2>&1 &
pid=$!
for _ in $(seq 200); do [ -e d/run.lock ] && break; sleep 0.02; done
kill -TERM $pid
wait $pid
code=$?
[ "$code" -eq 4 ] && grep -q "^stopped.*nothing to restart" d/status &&
  pass "a signal during set-up stops cleanly" ||
  fail "signal during set-up: exit $code, status $(cat d/status 2>&1)"

# 7. Start fraction = 1: the first target is written once.
cat > start_on_target.prm <<'PRM'
include case.prm
subsection Continuation
  set Start fraction = 1
end
PRM
"$exe" start_on_target.prm --output e > e.log 2>&1
n20=$(awk -F'\t' 'NR > 1 && $2 == 20' e/summary.tsv | wc -l)
n_metrics=$(grep -o "points=[0-9]*" e.log)
[ "$n20" -eq 1 ] && [ "$n_metrics" = "points=$(($(wc -l < e/summary.tsv) - 1))" ] &&
  pass "a start on the first target is one row" ||
  fail "start fraction 1: $n20 rows at 20 mA/cm2, $n_metrics"

# 9. Run records.
/usr/bin/python3 - a/run.json d/run.json <<'PY' &&
import json, sys
done, stopped = (json.load(open(p)) for p in sys.argv[1:])
for record in (done, stopped):
    for key in ("noxflow_version", "command_line", "host", "ranks", "started",
                "finished", "wall_seconds", "exit_code", "status"):
        assert key in record, key
assert done["exit_code"] == 0 and done["status"] == "completed", done
assert stopped["exit_code"] == 4 and stopped["status"].startswith("stopped"), stopped
PY
  grep -q "step 0:" a/run.log && grep -q "Stopped:" d/run.log &&
  [ ! -e notarun/run.json ] && pass "run.json and run.log record the run" ||
  fail "run records"
"$exe" case.prm --output quiet --verbosity quiet > quiet.log 2>&1
points=$(($(wc -l < quiet/summary.tsv) - 1))
[ "$(wc -l < quiet.log)" -eq "$points" ] && [ "$(grep -c "step" quiet.log)" -eq "$points" ] &&
  pass "--verbosity quiet: one line per operating point" ||
  fail "--verbosity quiet printed $(wc -l < quiet.log) lines for $points points"
"$exe" --version | grep -q "^NOxFlow [0-9]" && pass "--version" || fail "--version"

# 8. A full disk.
mkdir -p small
if mount -t tmpfs -o size=3m tmpfs small 2>/dev/null; then
  mounted=$work/small
  sed 's/20, 50$/20, 50, 100, 150/' case.prm > full.prm
  "${mpirun[@]}" "$exe" full.prm --output small/run > g.log 2>&1
  code=$?
  status=$(cat small/run/status)
  if [ "$code" -eq 1 ] && [[ "$status" == failed:*small/run*"no space left"* ]] &&
    ! grep -qE "[Ss]tack ?trace|Aborted|core dumped|signal [0-9]" g.log; then
    pass "a full disk ends the run: $status"
    grep -q '"exit_code": 1' small/run/run.json || fail "full disk: run.json lacks exit code 1"
  else
    fail "full disk: exit $code, status '$status'"
    tail -5 g.log
  fi
  cp -r small/run roomy
  "$exe" full.prm --output roomy --restart > h.log 2>&1
  code=$?
  [ "$code" -eq 0 ] && grep -q "^completed" roomy/status &&
    pass "the last checkpoint before the full disk restarts" ||
    fail "restart after a full disk: exit $code, $(tail -3 h.log)"
else
  echo "skipped: full-disk check (cannot mount a tmpfs here; needs root with CAP_SYS_ADMIN)"
fi

echo "$failed failed"
[ "$failed" -eq 0 ]
