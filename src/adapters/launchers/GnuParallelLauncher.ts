import type { Launcher } from '../../ports/Launcher.js';
import { debugFlag, type LauncherCommonOptions, tasksPerBlock } from './shared/launcherShape.js';

/** Options of {@link GnuParallelLauncher}. */
export interface GnuParallelLauncherOptions extends LauncherCommonOptions {}

/**
 * Runs tasksPerNode × nodesPerBlock copies through GNU parallel over `--sshloginfile` (the
 * de-duplicated $PBS_NODEFILE, or "localhost" when unset), tasksPerNode jobs per host. Writes
 * `cmd_$JOBNAME.sh` and `$JOBNAME.nodes` in the working directory; needs $JOBNAME (the providers
 * export it), GNU parallel on PATH and password-less SSH to the nodes.
 * Parsl: parsl.launchers.GnuParallelLauncher
 */
export class GnuParallelLauncher implements Launcher {
  public readonly kind = 'gnu-parallel';

  public constructor(public readonly options: GnuParallelLauncherOptions = {}) {}

  public wrap(command: string, tasksPerNode: number, nodesPerBlock: number): string {
    const taskBlocks = tasksPerBlock(GnuParallelLauncher.name, tasksPerNode, nodesPerBlock);
    const debug = debugFlag(this.options.debug);
    return `set -e
export CORES=$(getconf _NPROCESSORS_ONLN)
[[ "${debug}" == "1" ]] && echo "Found cores : $CORES"
WORKERCOUNT=${taskBlocks}

# Deduplicate the nodefile
SSHLOGINFILE="$JOBNAME.nodes"
if [ -z "$PBS_NODEFILE" ]; then
    echo "localhost" > $SSHLOGINFILE
else
    sort -u $PBS_NODEFILE > $SSHLOGINFILE
fi

cat << PARALLEL_CMD_EOF > cmd_$JOBNAME.sh
${command}
PARALLEL_CMD_EOF
chmod u+x cmd_$JOBNAME.sh

#file to contain the commands to parallel
PFILE=cmd_\${JOBNAME}.sh.parallel

# Truncate the file
cp /dev/null $PFILE

for COUNT in $(seq 1 1 $WORKERCOUNT)
do
    echo "sh cmd_$JOBNAME.sh" >> $PFILE
done

parallel --env _ --joblog "$JOBNAME.sh.parallel.log" \\
    --sshloginfile $SSHLOGINFILE --jobs ${tasksPerNode} < $PFILE

[[ "${debug}" == "1" ]] && echo "All workers done"
`;
  }
}
