#!/bin/bash
# gridengine.sh start|stop|status: a one-node (Son of) Grid Engine 8.1.9 from Debian's gridengine
# packages: sge_qmaster + sge_execd on this host, queue all.q with one slot per core, root may
# submit (min_uid 0), the scheduler runs every second. Runs as root without systemd.
set -euo pipefail
CMD=${1:-status}
export SGE_ROOT=/var/lib/gridengine SGE_CELL=default
COMMON=$SGE_ROOT/$SGE_CELL/common
QPID=/var/spool/gridengine/qmaster/qmaster.pid
HOST=$(hostname -s)

alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
execd_pid() { find /var/spool/gridengine/execd -name execd.pid 2>/dev/null | head -1; }

start() {
  command -v sge_qmaster >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    gridengine-master gridengine-exec gridengine-client
  [ -e /var/spool/gridengine/spooldb/sge ] || /usr/share/gridengine/scripts/init_cluster "$SGE_ROOT" "$SGE_CELL" /var/spool/gridengine/spooldb sgeadmin
  echo "$HOST" > "$COMMON/act_qmaster"
  # 127.0.0.1 reverse-resolves to "localhost" here: tell Grid Engine every loopback name is this host
  aliases=$(awk '$1=="127.0.0.1"{for(i=2;i<=NF;i++) print $i}' /etc/hosts | grep -vx "$HOST" | sort -u | tr '\n' ' ')
  echo "$HOST $aliases" > "$COMMON/host_aliases"
  # right after a shutdown a new qmaster can exit at once (its port is still held): retry a few times
  for _ in 1 2 3 4 5 6; do
    alive "$QPID" || /usr/sbin/sge_qmaster
    for _ in $(seq 1 25); do qconf -sh >/dev/null 2>&1 && break 2; sleep 0.2; done
    sleep 2
  done
  qconf -sh >/dev/null || { echo "sge_qmaster does not answer; see /var/spool/gridengine/qmaster/messages" >&2; exit 1; }
  qconf -sh | grep -qx "$HOST" || qconf -ah "$HOST"
  qconf -ss | grep -qx "$HOST" || qconf -as "$HOST"
  local tmp; tmp=$(mktemp -d)
  qconf -sconf global > "$tmp/global"
  if ! grep -Eq '^min_uid +0$' "$tmp/global"; then
    sed -i 's/^min_uid .*/min_uid                      0/; s/^min_gid .*/min_gid                      0/' "$tmp/global"
    qconf -Mconf "$tmp/global"
    if [ -n "$(execd_pid)" ] && alive "$(execd_pid)"; then kill "$(cat "$(execd_pid)")"; sleep 2; fi
  fi
  qconf -ssconf > "$tmp/sconf"
  if ! grep -Eq '^schedule_interval +0:0:1$' "$tmp/sconf"; then
    sed -i 's/^schedule_interval .*/schedule_interval                 0:0:1/; s/^flush_submit_sec .*/flush_submit_sec                  1/; s/^flush_finish_sec .*/flush_finish_sec                  1/; s/^job_load_adjustments .*/job_load_adjustments              NONE/' "$tmp/sconf"
    qconf -Msconf "$tmp/sconf"
  fi
  { [ -n "$(execd_pid)" ] && alive "$(execd_pid)"; } || /usr/sbin/sge_execd
  if ! qconf -sql 2>/dev/null | grep -qx all.q; then
    qconf -sq 2>/dev/null > "$tmp/q" || true
    cat > "$tmp/all.q" <<Q
qname all.q
hostlist $HOST
seq_no 0
load_thresholds NONE
suspend_thresholds NONE
nsuspend 1
suspend_interval 00:05:00
priority 0
min_cpu_interval 00:05:00
processors UNDEFINED
qtype BATCH INTERACTIVE
ckpt_list NONE
pe_list NONE
rerun FALSE
slots $(nproc)
tmpdir /tmp
shell /bin/bash
prolog NONE
epilog NONE
shell_start_mode unix_behavior
starter_method NONE
suspend_method NONE
resume_method NONE
terminate_method NONE
notify 00:00:60
owner_list NONE
user_lists NONE
xuser_lists NONE
subordinate_list NONE
complex_values NONE
projects NONE
xprojects NONE
calendar NONE
initial_state default
s_rt INFINITY
h_rt INFINITY
s_cpu INFINITY
h_cpu INFINITY
s_fsize INFINITY
h_fsize INFINITY
s_data INFINITY
h_data INFINITY
s_stack INFINITY
h_stack INFINITY
s_core INFINITY
h_core INFINITY
s_rss INFINITY
h_rss INFINITY
s_vmem INFINITY
h_vmem INFINITY
Q
    qconf -Aq "$tmp/all.q"
  fi
  rm -rf "$tmp"
  for _ in $(seq 1 100); do
    qmod -cq all.q >/dev/null 2>&1 || true
    qstat -f -q all.q 2>/dev/null | awk 'NR>2 && $1 ~ /^all.q@/ {print ($6==""?"ok":$6)}' | grep -qx ok && break
    sleep 0.3
  done
  echo "grid engine running: qmaster $HOST:6444, execd $HOST:6445, queue all.q ($(nproc) slots), SGE_ROOT=$SGE_ROOT"
}

stop_pid() { # pidfile name: SIGTERM, then wait for the controlled shutdown to finish
  local pid; pid=$(cat "$1")
  kill "$pid"
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  echo "stopped $2 $pid"
}

stop() {
  local e; e=$(execd_pid)
  if [ -n "$e" ] && alive "$e"; then stop_pid "$e" sge_execd; fi
  if alive "$QPID"; then stop_pid "$QPID" sge_qmaster; fi
}

status() {
  local e rc=0; e=$(execd_pid)
  if alive "$QPID"; then echo "sge_qmaster running (pid $(cat "$QPID"))"; else echo "sge_qmaster not running"; rc=1; fi
  if [ -n "$e" ] && alive "$e"; then echo "sge_execd running (pid $(cat "$e"))"; else echo "sge_execd not running"; rc=1; fi
  [ "$rc" = 0 ] && qstat -f -q all.q | tail -n +3
  return "$rc"
}

case "$CMD" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
