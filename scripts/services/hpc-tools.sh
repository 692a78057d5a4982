#!/usr/bin/env bash
# HPC launch tools for the launcher integration tests: GNU parallel and OpenMPI's mpiexec/mpirun.
# Usage: scripts/services/hpc-tools.sh start|stop|status
#   start  installs Debian's `parallel` and `openmpi-bin` if missing (nothing runs in the background)
#   status exits 0 when `parallel`, `mpiexec` and `mpirun` are on PATH, 1 otherwise
#   stop   nothing to stop
# The tests run OpenMPI as root with OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# and --oversubscribe (this machine has few cores).
set -euo pipefail
cmd=${1:-status}

have() { command -v parallel >/dev/null && command -v mpiexec >/dev/null && command -v mpirun >/dev/null; }

case "$cmd" in
  start)
    if ! have; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends parallel openmpi-bin
    fi
    have || { echo "hpc-tools: parallel/mpiexec still missing after install" >&2; exit 1; }
    echo "hpc-tools: ready: $(parallel --version 2>/dev/null | head -1); $(mpiexec --version 2>/dev/null | head -1)"
    ;;
  status)
    if have; then
      echo "hpc-tools: installed: $(command -v parallel) $(command -v mpiexec) $(command -v mpirun)"
    else
      echo "hpc-tools: not installed (run scripts/services/hpc-tools.sh start)"
      exit 1
    fi
    ;;
  stop)
    echo "hpc-tools: nothing to stop (command-line tools only)"
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
