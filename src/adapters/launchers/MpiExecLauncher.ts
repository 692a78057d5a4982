import type { Launcher } from '../../ports/Launcher.js';
import { debugFlag, type LauncherCommonOptions, tasksPerBlock } from './shared/launcherShape.js';

/** Options of {@link MpiExecLauncher}. */
export interface MpiExecLauncherOptions extends LauncherCommonOptions {
  /** Name of mpiexec's argument that binds ranks to CPUs (it is given `none`). @default '--bind-to' */
  readonly bindCmd?: string;
  /** Extra mpiexec arguments, e.g. `--oversubscribe`. @default '' */
  readonly overrides?: string;
}

/**
 * Starts tasksPerNode × nodesPerBlock ranks of the command with `mpiexec -n … --hostfile`, the
 * hostfile being the de-duplicated $PBS_NODEFILE (or "localhost" when unset). Writes
 * `cmd_$JOBNAME.sh` and `$JOBNAME.nodes` in the working directory; needs $JOBNAME and mpiexec on PATH.
 * Parsl: parsl.launchers.MpiExecLauncher
 */
export class MpiExecLauncher implements Launcher {
  public readonly kind = 'mpiexec';

  public constructor(public readonly options: MpiExecLauncherOptions = {}) {}

  public wrap(command: string, tasksPerNode: number, nodesPerBlock: number): string {
    const taskBlocks = tasksPerBlock(MpiExecLauncher.name, tasksPerNode, nodesPerBlock);
    const debug = debugFlag(this.options.debug);
    const bindCmd = this.options.bindCmd ?? '--bind-to';
    const overrides = this.options.overrides ?? '';
    return `set -e
export CORES=$(getconf _NPROCESSORS_ONLN)
[[ "${debug}" == "1" ]] && echo "Found cores : $CORES"
WORKERCOUNT=${taskBlocks}

# Deduplicate the nodefile
HOSTFILE="$JOBNAME.nodes"
if [ -z "$PBS_NODEFILE" ]; then
    echo "localhost" > $HOSTFILE
else
    sort -u $PBS_NODEFILE > $HOSTFILE
fi

cat << MPIEXEC_EOF > cmd_$JOBNAME.sh
${command}
MPIEXEC_EOF
chmod u+x cmd_$JOBNAME.sh

mpiexec ${bindCmd} none ${overrides} -n $WORKERCOUNT --hostfile $HOSTFILE /usr/bin/sh cmd_$JOBNAME.sh

[[ "${debug}" == "1" ]] && echo "All workers done"
`;
  }
}
