#!/bin/bash
# slurm.sh start|stop|status: a single-node Slurm cluster (slurmctld + slurmd + munge) without systemd.
# Partition "debug" (default) holds this host. Accounting is off, so sacct is unavailable (providers
# fall back to `squeue -t all`). Runs as root; installs slurm-wlm and munge from Debian if missing.
set -euo pipefail
CMD=${1:-status}
PIDS=(/run/slurm/slurmd.pid /run/slurm/slurmctld.pid /run/munge/munged.pid)

alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
node_ready() { case "$(sinfo -h -N -o '%t' 2>/dev/null | head -1)" in idle*|mix*|alloc*) return 0 ;; *) return 1 ;; esac; }

start() {
  if alive /run/slurm/slurmctld.pid && alive /run/slurm/slurmd.pid && node_ready; then
    echo "slurm already running: partition debug on $(hostname -s) (slurmctld 127.0.0.1:6817)"; return 0
  fi
  command -v slurmctld >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    slurmctld slurmd slurm-client munge
  local host ncpu mem
  host=$(hostname -s)
  ncpu=$(nproc)
  mem=$(( $(awk '/MemTotal/{print int($2/1024)}' /proc/meminfo) - 512 ))
  mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/slurm /run/munge
  chown munge:munge /run/munge; chmod 755 /run/munge
  cat > /etc/slurm/slurm.conf <<CONF
ClusterName=ci
SlurmctldHost=${host}(127.0.0.1)
AuthType=auth/munge
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurm/slurmctld.pid
SlurmdPidFile=/run/slurm/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SchedulerParameters=sched_min_interval=0,batch_sched_delay=0
MailProg=/bin/true
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
OverTimeLimit=0
MinJobAge=300
NodeName=${host} NodeAddr=127.0.0.1 CPUs=${ncpu} RealMemory=${mem} State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
  [ -s /etc/munge/munge.key ] || { mungekey --create --force; chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key; }
  alive /run/munge/munged.pid || runuser -u munge -- /usr/sbin/munged
  munge -n | unmunge >/dev/null
  alive /run/slurm/slurmctld.pid || /usr/sbin/slurmctld
  alive /run/slurm/slurmd.pid || /usr/sbin/slurmd
  for _ in $(seq 1 60); do node_ready && break; sleep 0.5; done
  node_ready || { echo "slurm node did not become idle; see /var/log/slurm/*.log" >&2; sinfo >&2 || true; exit 1; }
  echo "slurm running: partition debug on ${host} (slurmctld 127.0.0.1:6817), logs /var/log/slurm"
}

stop() {
  for f in "${PIDS[@]}"; do
    if alive "$f"; then pid=$(cat "$f"); kill "$pid" && echo "stopped $(basename "$f" .pid) $pid"; fi
  done
}

status() {
  local ok=0
  for f in "${PIDS[@]}"; do
    if alive "$f"; then echo "$(basename "$f" .pid) running (pid $(cat "$f"))"; else echo "$(basename "$f" .pid) not running"; ok=1; fi
  done
  [ "$ok" = 0 ] && sinfo -h -o '%P %a %D %t'
  return "$ok"
}

case "$CMD" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
