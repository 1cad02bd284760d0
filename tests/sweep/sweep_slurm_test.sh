#!/usr/bin/env bash
# noxflow-sweep against a real single-node Slurm on localhost (Debian's
# slurm-wlm and munge, started here without systemd, stopped on exit):
# submit a 4-point sweep (two job arrays: 1 and 2 MPI ranks per task), cancel
# one running task, check it is reported failed, resubmit it alone, and check
# the table written by the chained aggregation job against the runs'
# summaries. Fails (does not skip) when Slurm cannot run.
# Usage: sweep_slurm_test.sh NOXFLOW SOURCE_DIR
set -u
export NOXFLOW=$1
src=$2
here=$src/tests/sweep
sweep=(/usr/bin/python3 "$src/cluster/noxflow-sweep")
work=$(mktemp -d)
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# shellcheck source=slurm_localhost.sh
source "$here/slurm_localhost.sh"
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
cleanup() {
  slurm_stop
  rm -rf "$work"
}
diagnose() {
  echo "---- squeue"; squeue 2>&1
  echo "---- sinfo"; sinfo 2>&1
  slurm_logs
  for f in "$d"/logs/*.log; do [ -f "$f" ] && { echo "---- $f"; tail -n 15 "$f"; }; done
}
d=$work/sw
# wait_queue SECONDS: until no job of ours is queued or running.
wait_queue() {
  local t
  for ((t = 0; t < $1 * 5; t++)); do
    [ -z "$(squeue -h -o %i 2>/dev/null)" ] && return 0
    sleep 0.2
  done
  fail "jobs still queued after $1 s"
  diagnose
  return 1
}

slurm_start "$work/slurm" 4 || { echo "FAIL: Slurm did not start"; cleanup; exit 1; }
trap cleanup EXIT
echo "Slurm up: $(sinfo -h -o '%P %D %c %T'); MPI plugins: $(srun --mpi=list 2>&1 | tr '\n' ' ')"

# Two arrays (1 and 2 ranks per task), one task at a time each, so that
# point 2 (1 rank) starts after point 0 and can be cancelled while it runs.
"${sweep[@]}" submit "$here/channel_coarse.sweep" -o "$d" --throttle 1 || { fail "submit"; diagnose; exit 1; }
job=$(awk -F'\t' '$2 == "array" && $3 ~ /(^|,)2(,|$)/ {print $1}' "$d/submissions.tsv")
for ((t = 0; t < 600; t++)); do
  status=$(head -n 1 "$d/runs/0002/output/status" 2>/dev/null)
  [ "$status" = running ] && break
  [ -n "$status" ] && break
  sleep 0.1
done
[ "$status" = running ] || { fail "point 2 never seen running (status '$status')"; diagnose; }
scancel "${job}_2"
echo "cancelled ${job}_2 after $((t / 10)) s"
wait_queue 120

"${sweep[@]}" status "$d" -v >"$work/status.txt"
cat "$work/status.txt"
grep -q "3 done, 0 running, 1 failed, 0 pending" "$work/status.txt" || fail "status counts"
grep -q "0002 failed .*SIGTERM.*CANCELLED" "$work/status.txt" ||
  fail "point 2 not reported failed with the cancellation"
for i in 0 1 2 3; do
  ls "$d"/logs/sweeptest_*_"$i".log >/dev/null 2>&1 || fail "no log %x_%A_%a for point $i"
done
grep -q "srun --mpi=pmix --ntasks 2" "$d"/logs/sweeptest_*_1.log || fail "point 1 not started by srun --mpi=pmix with 2 ranks"
grep -q "2 MPI ranks" "$d/runs/0001/run.log" "$d"/logs/sweeptest_*_1.log 2>/dev/null || fail "point 1 did not run on 2 MPI ranks"

# Resubmit the cancelled point alone; the chained aggregation job writes the table.
snapshot() { (cd "$d/runs" && find 0000 0001 0003 -type f -exec sha256sum {} + | sort); }
snapshot >"$work/before"
"${sweep[@]}" resubmit "$d" || fail "resubmit"
[ "$(tail -n 2 "$d/submissions.tsv" | cut -f 2,3 | tr '\t\n' ' ')" = "array 2 aggregate  " ] ||
  fail "resubmit should submit point 2 alone and an aggregation job: $(cat "$d/submissions.tsv")"
wait_queue 120
snapshot >"$work/after"
diff "$work/before" "$work/after" >/dev/null || fail "resubmit touched a finished run"
"${sweep[@]}" status "$d" | grep -q "4 done" || fail "not all runs done after resubmit"
agg=$(tail -n 1 "$d/submissions.tsv" | cut -f 1)
# One row per accepted operating point of every run (the ramp's own steps
# included, so the count follows the continuation).
rows=$(for f in "$d"/runs/*/output/summary.tsv; do tail -n +2 "$f"; done | wc -l)
grep -q "$rows rows from 4 finished run" "$d/logs/sweeptest-aggregate_$agg.log" ||
  { fail "the aggregation job did not write the table"; diagnose; }
/usr/bin/python3 "$here/check_aggregate.py" "$d" 4 || fail "aggregated table"

[ "$failures" -eq 0 ] || diagnose
echo "$failures failure(s)"
[ "$failures" -eq 0 ]
