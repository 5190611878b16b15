#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for trying `npm run slurm` and for the real-Slurm test:
# a munge key, munged, a minimal slurm.conf (this host's name, CPU count and memory), slurmctld and
# slurmd. Runs as root (Debian: apt-get install slurm-wlm munge).
#
#   scripts/slurm-local.sh start     start the cluster (writes /etc/slurm/slurm.conf) and wait until the node is idle
#   scripts/slurm-local.sh stop      stop the daemons this script started (by their pid files)
#   scripts/slurm-local.sh status    sinfo
#
# The state lives in /var/spool/gossip-slurm (SLURM_LOCAL_DIR to change it); an existing
# /etc/slurm/slurm.conf that this script did not write is left alone (start refuses).
set -euo pipefail

STATE="${SLURM_LOCAL_DIR:-/var/spool/gossip-slurm}"
CONF_DIR=/etc/slurm
CONF="$CONF_DIR/slurm.conf"
MARK="# written by gossip-bench scripts/slurm-local.sh"
MUNGE_PID="$STATE/munged.pid"
CTLD_PID="$STATE/slurmctld.pid"
SLURMD_PID="$STATE/slurmd.pid"

die() { echo "slurm-local: $*" >&2; exit 1; }

need() { command -v "$1" >/dev/null 2>&1 || die "$1 not found: install Debian's slurm-wlm and munge (apt-get install slurm-wlm munge)"; }

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

write_conf() {
  local host cpus mem
  host="$(hostname -s)"
  cpus="$(nproc)"
  # RealMemory a little under what slurmd measures, or the node would be drained as 'Low RealMemory'.
  mem="$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.95 }' /proc/meminfo)"
  if [ -f "$CONF" ] && ! grep -qF "$MARK" "$CONF"; then
    die "$CONF exists and was not written by this script: not touching it"
  fi
  mkdir -p "$CONF_DIR"
  cat > "$CONF" <<EOF
$MARK
ClusterName=gossip
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/d
SlurmctldPidFile=$CTLD_PID
SlurmdPidFile=$SLURMD_PID
SlurmctldLogFile=$STATE/slurmctld.log
SlurmdLogFile=$STATE/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
SchedulerParameters=sched_min_interval=100000
ReturnToService=2
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
}

start() {
  need munged
  need slurmctld
  need slurmd
  need sinfo
  mkdir -p "$STATE/ctld" "$STATE/d" /run/munge
  chown munge:munge /run/munge
  if [ ! -s /etc/munge/munge.key ]; then
    if command -v mungekey >/dev/null 2>&1; then mungekey --create --keyfile=/etc/munge/munge.key
    else dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none; fi
    chown munge:munge /etc/munge/munge.key
    chmod 0400 /etc/munge/munge.key
  fi
  if ! running "$MUNGE_PID"; then
    chown munge:munge "$STATE"
    runuser -u munge -- munged --pid-file="$MUNGE_PID" || die "munged did not start"
    chown root:root "$STATE"
  fi
  write_conf
  running "$CTLD_PID" || slurmctld || die "slurmctld did not start (see $STATE/slurmctld.log)"
  running "$SLURMD_PID" || slurmd || die "slurmd did not start (see $STATE/slurmd.log)"
  for _ in $(seq 1 60); do
    if sinfo -h -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then
      sinfo
      return 0
    fi
    sleep 0.5
  done
  sinfo || true
  die "the node did not become idle within 30 s (see $STATE/slurmctld.log and $STATE/slurmd.log)"
}

stop_pid() {
  local file="$1" name="$2"
  if running "$file"; then
    local pid
    pid="$(cat "$file")"
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    echo "stopped $name ($pid)"
  fi
  rm -f "$file"
}

stop() {
  stop_pid "$SLURMD_PID" slurmd
  stop_pid "$CTLD_PID" slurmctld
  stop_pid "$MUNGE_PID" munged
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) sinfo ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
