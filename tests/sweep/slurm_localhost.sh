# Single-node Slurm on localhost for tests, without systemd. Source this file,
# then: slurm_start WORKDIR [CPUS]; ...; slurm_stop (also installed as an
# EXIT trap by slurm_start). Starts munged (as the munge user, only when no
# munged answers), slurmctld and slurmd as root; stops only what it started.
# Exports SLURM_CONF for the clients.

_slurm_pids=()
_slurm_dir=
_slurm_munged_pidfile=

slurm_logs() {
  local f
  for f in "$_slurm_dir"/slurmctld.log "$_slurm_dir"/slurmd.log /run/munge/noxflow-test-munged.log; do
    [ -s "$f" ] || continue
    echo "---- last lines of $f"
    tail -n 40 "$f"
  done
}

# TERM, then KILL after 5 s.
_slurm_kill() {
  kill -TERM "$1" 2>/dev/null || return 0
  for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
}

slurm_stop() {
  local i
  for ((i = ${#_slurm_pids[@]} - 1; i >= 0; i--)); do
    _slurm_kill "${_slurm_pids[i]}"
  done
  _slurm_pids=()
  if [ -n "$_slurm_munged_pidfile" ] && [ -s "$_slurm_munged_pidfile" ]; then
    _slurm_kill "$(cat "$_slurm_munged_pidfile")"
  fi
  _slurm_munged_pidfile=
}

_slurm_fail() {
  echo "slurm_start: $*" >&2
  slurm_logs >&2
  return 1
}

# A free TCP port from the kernel.
_free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("", 0)); print(s.getsockname()[1])'
}

slurm_start() {
  _slurm_dir=$1
  local cpus=${2:-4} host sbin tool
  host=$(hostname -s)
  for tool in munged slurmctld slurmd sbatch squeue; do
    command -v "$tool" >/dev/null || PATH=$PATH:/usr/sbin:/sbin
    command -v "$tool" >/dev/null ||
      _slurm_fail "$tool not found: install slurm-wlm and munge (.ci/debian-packages)" || return 1
  done
  [ "$(id -u)" -eq 0 ] ||
    _slurm_fail "must run as root to start munged and slurmd (CI runs as root)" || return 1
  mkdir -p "$_slurm_dir/state" "$_slurm_dir/spool"
  trap slurm_stop EXIT

  # munge: key and runtime folder owned by the munge user.
  if ! munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then
    if [ ! -s /etc/munge/munge.key ]; then
      if command -v mungekey >/dev/null; then
        mungekey --create --keyfile=/etc/munge/munge.key
      else
        /usr/sbin/create-munge-key -f
      fi
    fi
    chown munge:munge /etc/munge/munge.key && chmod 0400 /etc/munge/munge.key
    mkdir -p /run/munge /var/lib/munge /var/log/munge
    chown munge:munge /run/munge /var/lib/munge /var/log/munge
    chmod 0755 /run/munge
    # munged forks; its pid file and log go to /run/munge, which the munge
    # user can reach (a mktemp folder is private to root).
    _slurm_munged_pidfile=/run/munge/noxflow-test-munged.pid
    runuser -u munge -- munged --force --pid-file="$_slurm_munged_pidfile" \
      --log-file=/run/munge/noxflow-test-munged.log </dev/null >"$_slurm_dir/munged.err" 2>&1 ||
      _slurm_fail "munged did not start: $(cat "$_slurm_dir/munged.err")" || return 1
    for _ in $(seq 50); do
      munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1 && break
      sleep 0.1
    done
    munge -n </dev/null | unmunge >/dev/null ||
      _slurm_fail "munged does not answer" || return 1
  fi

  cat >"$_slurm_dir/slurm.conf" <<CONF
ClusterName=noxflowtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$(_free_port)
SlurmdPort=$(_free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$_slurm_dir/state
SlurmdSpoolDir=$_slurm_dir/spool
SlurmctldPidFile=$_slurm_dir/slurmctld.pid
SlurmdPidFile=$_slurm_dir/slurmd.pid
SlurmctldLogFile=$_slurm_dir/slurmctld.log
SlurmdLogFile=$_slurm_dir/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
# The node may declare more CPUs than it has (2-rank tasks on a 2-core box).
SlurmdParameters=config_overrides
MpiDefault=none
ReturnToService=2
KillWait=5
MinJobAge=300
SchedulerParameters=sched_interval=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF=$_slurm_dir/slurm.conf

  slurmctld -D -i -f "$SLURM_CONF" </dev/null >"$_slurm_dir/slurmctld.out" 2>&1 &
  _slurm_pids+=($!)
  slurmd -D -f "$SLURM_CONF" -N "$host" </dev/null >"$_slurm_dir/slurmd.out" 2>&1 &
  _slurm_pids+=($!)

  # Wait until the node accepts work.
  local state=
  for _ in $(seq 60); do
    state=$(sinfo -h -N -o %T 2>/dev/null | head -n 1)
    case $state in idle | mixed | allocated) return 0 ;; esac
    sleep 0.5
  done
  _slurm_fail "the node did not become idle within 30 s (state '$state')"
}
