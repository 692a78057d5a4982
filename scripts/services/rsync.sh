#!/usr/bin/env bash
# rsync for the RsyncStaging tests. Not a daemon: rsync runs over the test sshd (scripts/services/sshd.sh),
# so "start" only makes sure the rsync binary is installed on this host (submit side and worker side).
# Usage: scripts/services/rsync.sh start|stop|status
set -euo pipefail
cmd=${1:-status}
case "$cmd" in
  start)
    command -v rsync >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends rsync
    echo "rsync: $(rsync --version | head -1) (used over ssh; see scripts/services/sshd.sh)"
    ;;
  status)
    if command -v rsync >/dev/null; then echo "rsync: installed"; else echo "rsync: not installed"; exit 1; fi
    ;;
  stop) echo "rsync: nothing to stop" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
