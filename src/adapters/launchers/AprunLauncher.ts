import type { Launcher } from '../../ports/Launcher.js';
import { debugFlag, type LauncherCommonOptions, tasksPerBlock } from './shared/launcherShape.js';

/** Options of {@link AprunLauncher}. */
export interface AprunLauncherOptions extends LauncherCommonOptions {
  /** Extra aprun arguments, e.g. `-d 64` or `-b -- bwpy-environ --`. @default '' */
  readonly overrides?: string;
}

/**
 * Starts tasksPerNode × nodesPerBlock copies with `aprun -n <perBlock> -N <perNode>` (Cray ALPS).
 * Writes `cmd_$JOBNAME.sh` in the working directory; needs $JOBNAME.
 * Parsl: parsl.launchers.AprunLauncher
 */
export class AprunLauncher implements Launcher {
  public readonly kind = 'aprun';

  public constructor(public readonly options: AprunLauncherOptions = {}) {}

  public wrap(command: string, tasksPerNode: number, nodesPerBlock: number): string {
    const perBlock = tasksPerBlock(AprunLauncher.name, tasksPerNode, nodesPerBlock);
    const debug = debugFlag(this.options.debug);
    const overrides = this.options.overrides ?? '';
    return `set -e
WORKERCOUNT=${perBlock}

cat << APRUN_EOF > cmd_$JOBNAME.sh
${command}
APRUN_EOF
chmod a+x cmd_$JOBNAME.sh

aprun -n ${perBlock} -N ${tasksPerNode} ${overrides} /bin/bash cmd_$JOBNAME.sh &
wait

[[ "${debug}" == "1" ]] && echo "Done"
`;
  }
}
