import type { Launcher } from '../../ports/Launcher.js';
import { debugFlag, type LauncherCommonOptions, tasksPerBlock } from './shared/launcherShape.js';

/** Options of {@link SingleNodeLauncher}. */
export interface SingleNodeLauncherOptions extends LauncherCommonOptions {
  /**
   * Exit non-zero if any copy failed; otherwise only if every copy failed.
   * @default false
   */
  readonly failOnAny?: boolean;
}

/**
 * Starts tasksPerNode × nodesPerBlock copies of the command on this node as bash background jobs
 * (`CMD $COUNT &`), exports CORES (online processors) and waits for all of them.
 * Parsl: parsl.launchers.SingleNodeLauncher
 */
export class SingleNodeLauncher implements Launcher {
  public readonly kind = 'single-node';

  public constructor(public readonly options: SingleNodeLauncherOptions = {}) {}

  public wrap(command: string, tasksPerNode: number, nodesPerBlock: number): string {
    const taskBlocks = tasksPerBlock(SingleNodeLauncher.name, tasksPerNode, nodesPerBlock);
    const debug = debugFlag(this.options.debug);
    const failOnAny = this.options.failOnAny === true ? 1 : 0;
    return `set -e
export CORES=$(getconf _NPROCESSORS_ONLN)
[[ "${debug}" == "1" ]] && echo "Found cores : $CORES"
WORKERCOUNT=${taskBlocks}
FAILONANY=${failOnAny}
PIDS=""

CMD() {
${command}
}
for COUNT in $(seq 1 1 $WORKERCOUNT); do
    [[ "${debug}" == "1" ]] && echo "Launching worker: $COUNT"
    CMD $COUNT &
    PIDS="$PIDS $!"
done

ALLFAILED=1
ANYFAILED=0
for PID in $PIDS ; do
    wait $PID
    if [ "$?" != "0" ]; then
        ANYFAILED=1
    else
        ALLFAILED=0
    fi
done

[[ "${debug}" == "1" ]] && echo "All workers done"
if [ "$FAILONANY" == "1" ]; then
    exit $ANYFAILED
else
    exit $ALLFAILED
fi
`;
  }
}
