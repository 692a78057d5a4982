#!/usr/bin/env bash
# PostgreSQL 15 on 127.0.0.1:5432 for the monitoring store's tests (root, no systemd).
# Usage: scripts/services/postgres.sh start|stop|status
# Creates role parsl (password parsl) and database parsl_test owned by it.
# Tests read PARSL_TEST_PG_URL (default postgresql://parsl:parsl@127.0.0.1:5432/parsl_test).
set -euo pipefail
cmd=${1:-status}

pgver() { ls /etc/postgresql 2>/dev/null | sort -n | tail -1; }
online() { pg_lsclusters -h 2>/dev/null | awk -v v="$1" '$1==v && $2=="main"' | grep -q online; }

case "$cmd" in
  start)
    if ! command -v pg_ctlcluster >/dev/null || [ -z "$(pgver)" ]; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
    fi
    V=$(pgver)
    online "$V" || pg_ctlcluster "$V" main start
    for _ in $(seq 1 100); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 0.1; done
    pg_isready -h 127.0.0.1 -p 5432 -q || { echo "postgres: not ready on 127.0.0.1:5432" >&2; exit 1; }
    su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='parsl'\"" | grep -q 1 \
      || su postgres -c "psql -v ON_ERROR_STOP=1 -c \"CREATE ROLE parsl LOGIN PASSWORD 'parsl'\""
    su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='parsl_test'\"" | grep -q 1 \
      || su postgres -c "createdb -O parsl parsl_test"
    echo "postgres: listening on 127.0.0.1:5432 (postgresql://parsl:parsl@127.0.0.1:5432/parsl_test)"
    ;;
  status)
    V=$(pgver)
    if [ -n "$V" ] && online "$V"; then echo "postgres: $V/main online on 127.0.0.1:5432"; else echo "postgres: not running"; exit 1; fi
    ;;
  stop)
    V=$(pgver)
    if [ -n "$V" ] && online "$V"; then pg_ctlcluster "$V" main stop; echo "postgres: stopped $V/main"; else echo "postgres: not running"; fi
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
