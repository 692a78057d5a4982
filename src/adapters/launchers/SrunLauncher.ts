import type { Launcher } from '../../ports/Launcher.js';
import { debugFlag, type LauncherCommonOptions, tasksPerBlock } from './shared/launcherShape.js';

/** Options of {@link SrunLauncher}. */
export interface SrunLauncherOptions extends LauncherCommonOptions {
  /** Extra srun arguments, e.g. `-c 272`. @default '' */
  readonly overrides?: string;
}

/**
 * Starts tasksPerNode × nodesPerBlock copies with one `srun --ntasks N -l` inside a Slurm
 * allocation; CORES and NODES come from SLURM_CPUS_ON_NODE and SLURM_JOB_NUM_NODES. The command
 * file goes beside the job's stdout (`dirname $SLURM_JOB_STDOUT`).
 * Parsl: parsl.launchers.SrunLauncher
 */
export class SrunLauncher implements Launcher {
  public readonly kind = 'srun';

  public constructor(public readonly options: SrunLauncherOptions = {}) {}

  public wrap(command: string, tasksPerNode: number, nodesPerBlock: number): string {
    const taskBlocks = tasksPerBlock(SrunLauncher.name, tasksPerNode, nodesPerBlock);
    const debug = debugFlag(this.options.debug);
    const overrides = this.options.overrides ?? '';
    return `set -e
export CORES=$SLURM_CPUS_ON_NODE
export NODES=$SLURM_JOB_NUM_NODES

[[ "${debug}" == "1" ]] && echo "Found cores : $CORES"
[[ "${debug}" == "1" ]] && echo "Found nodes : $NODES"
WORKERCOUNT=${taskBlocks}

path_cmd=$(dirname $SLURM_JOB_STDOUT)

cat << SLURM_EOF > $path_cmd/cmd_$SLURM_JOB_NAME.sh
${command}
SLURM_EOF
chmod a+x $path_cmd/cmd_$SLURM_JOB_NAME.sh

srun --ntasks ${taskBlocks} -l ${overrides} bash $path_cmd/cmd_$SLURM_JOB_NAME.sh

[[ "${debug}" == "1" ]] && echo "Done"
`;
  }
}
