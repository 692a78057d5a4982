import type { Launcher } from '../../ports/Launcher.js';
import { debugFlag, type LauncherCommonOptions, tasksPerBlock } from './shared/launcherShape.js';

/** Options of {@link SrunMPILauncher}. */
export interface SrunMPILauncherOptions extends LauncherCommonOptions {
  /** Extra srun arguments. @default '' */
  readonly overrides?: string;
}

/**
 * Starts one independent `srun` per worker so each worker can launch its own MPI applications:
 * with more workers than nodes each gets NODES×CORES/WORKERS tasks, otherwise whole nodes
 * (`--exclusive --nodes`). Parsl: parsl.launchers.SrunMPILauncher
 */
export class SrunMPILauncher implements Launcher {
  public readonly kind = 'srun-mpi';

  public constructor(public readonly options: SrunMPILauncherOptions = {}) {}

  public wrap(command: string, tasksPerNode: number, nodesPerBlock: number): string {
    const taskBlocks = tasksPerBlock(SrunMPILauncher.name, tasksPerNode, nodesPerBlock);
    const debug = debugFlag(this.options.debug);
    const overrides = this.options.overrides ?? '';
    return `set -e
export CORES=$SLURM_CPUS_ON_NODE
export NODES=$SLURM_JOB_NUM_NODES

[[ "${debug}" == "1" ]] && echo "Found cores : $CORES"
[[ "${debug}" == "1" ]] && echo "Found nodes : $NODES"
WORKERCOUNT=${taskBlocks}

cat << SLURM_EOF > cmd_$SLURM_JOB_NAME.sh
${command}
SLURM_EOF
chmod a+x cmd_$SLURM_JOB_NAME.sh

TASKBLOCKS=${taskBlocks}

# If there are more taskblocks to be launched than nodes use
if (( "$TASKBLOCKS" > "$NODES" ))
then
    [[ "${debug}" == "1" ]] && echo "TaskBlocks:$TASKBLOCKS > Nodes:$NODES"
    CORES_PER_BLOCK=$(($NODES * $CORES / $TASKBLOCKS))
    for blk in $(seq 1 1 $TASKBLOCKS):
    do
        srun --ntasks $CORES_PER_BLOCK -l ${overrides} bash cmd_$SLURM_JOB_NAME.sh &
    done
    wait
else
    # A Task block could be integer multiples of Nodes
    [[ "${debug}" == "1" ]] && echo "TaskBlocks:$TASKBLOCKS <= Nodes:$NODES"
    NODES_PER_BLOCK=$(( $NODES / $TASKBLOCKS ))
    for blk in $(seq 1 1 $TASKBLOCKS):
    do
        srun --exclusive --nodes $NODES_PER_BLOCK -l ${overrides} bash cmd_$SLURM_JOB_NAME.sh &
    done
    wait

fi


[[ "${debug}" == "1" ]] && echo "Done"
`;
  }
}
