#!/usr/bin/env bash
# Headless Chromium for the visualizer's browser tests (driven by playwright-core; never downloads a browser).
# Usage: scripts/services/chromium.sh start|stop|status
#   start  installs Debian's `chromium` if missing (nothing to run: each test launches its own browser)
#   status exits 0 when /usr/bin/chromium runs, 1 otherwise
#   stop   nothing to stop (tests close their browsers)
# Tests read PARSL_TEST_CHROMIUM (default /usr/bin/chromium).
set -euo pipefail
BIN=${PARSL_TEST_CHROMIUM:-/usr/bin/chromium}
cmd=${1:-status}

check() { "$BIN" --headless --no-sandbox --disable-gpu --version >/dev/null 2>&1; }

case "$cmd" in
  start)
    if ! [ -x "$BIN" ]; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-dejavu-core
    fi
    check || { echo "chromium: $BIN does not run" >&2; exit 1; }
    echo "chromium: ready at $BIN ($("$BIN" --version 2>/dev/null))"
    ;;
  status)
    if [ -x "$BIN" ] && check; then echo "chromium: installed at $BIN"; else echo "chromium: not installed ($BIN)"; exit 1; fi
    ;;
  stop)
    echo "chromium: nothing to stop (each test launches and closes its own browser)"
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
