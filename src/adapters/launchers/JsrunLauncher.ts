import type { Launcher } from '../../ports/Launcher.js';
import { debugFlag, type LauncherCommonOptions, tasksPerBlock } from './shared/launcherShape.js';

/** Options of {@link JsrunLauncher}. */
export interface JsrunLauncherOptions extends LauncherCommonOptions {
  /** Extra jsrun arguments. @default '' */
  readonly overrides?: string;
}

/**
 * Starts tasksPerNode × nodesPerBlock copies with `jsrun -n <perBlock> -r <perNode>` (IBM LSF,
 * Summit). Writes `cmd_$JOBNAME.sh` in the working directory; needs $JOBNAME.
 * Parsl: parsl.launchers.JsrunLauncher
 */
export class JsrunLauncher implements Launcher {
  public readonly kind = 'jsrun';

  public constructor(public readonly options: JsrunLauncherOptions = {}) {}

  public wrap(command: string, tasksPerNode: number, nodesPerBlock: number): string {
    const perBlock = tasksPerBlock(JsrunLauncher.name, tasksPerNode, nodesPerBlock);
    const debug = debugFlag(this.options.debug);
    const overrides = this.options.overrides ?? '';
    return `set -e
WORKERCOUNT=${perBlock}

cat << JSRUN_EOF > cmd_$JOBNAME.sh
${command}
JSRUN_EOF
chmod a+x cmd_$JOBNAME.sh

jsrun -n ${perBlock} -r ${tasksPerNode} ${overrides} /bin/bash cmd_$JOBNAME.sh &
wait

[[ "${debug}" == "1" ]] && echo "Done"
`;
  }
}
