import type { Launcher } from '../../ports/Launcher.js';
import { debugFlag, type LauncherCommonOptions, tasksPerBlock } from './shared/launcherShape.js';

/** Options of {@link MpiRunLauncher}. */
export interface MpiRunLauncherOptions extends LauncherCommonOptions {
  /** Shell that runs each rank's command file. @default '/bin/bash' */
  readonly bashLocation?: string;
  /** Extra mpirun arguments, e.g. `--oversubscribe`. @default '' */
  readonly overrides?: string;
}

/**
 * Starts tasksPerNode × nodesPerBlock ranks of the command with `mpirun -np`. Writes
 * `cmd_$JOBNAME.sh` in the working directory; needs $JOBNAME and mpirun on PATH (the MPI runtime
 * finds the hosts, e.g. from the scheduler).
 * Parsl: parsl.launchers.MpiRunLauncher
 */
export class MpiRunLauncher implements Launcher {
  public readonly kind = 'mpirun';

  public constructor(public readonly options: MpiRunLauncherOptions = {}) {}

  public wrap(command: string, tasksPerNode: number, nodesPerBlock: number): string {
    const taskBlocks = tasksPerBlock(MpiRunLauncher.name, tasksPerNode, nodesPerBlock);
    const debug = debugFlag(this.options.debug);
    const bashLocation = this.options.bashLocation ?? '/bin/bash';
    const overrides = this.options.overrides ?? '';
    return `set -e
export CORES=$(getconf _NPROCESSORS_ONLN)
[[ "${debug}" == "1" ]] && echo "Found cores : $CORES"
WORKERCOUNT=${taskBlocks}

cat << MPIRUN_EOF > cmd_$JOBNAME.sh
${command}
MPIRUN_EOF
chmod u+x cmd_$JOBNAME.sh

mpirun -np $WORKERCOUNT ${overrides} ${bashLocation} cmd_$JOBNAME.sh

[[ "${debug}" == "1" ]] && echo "All workers done"
`;
  }
}
