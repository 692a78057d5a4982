import type { Launcher } from '../../ports/Launcher.js';
import { type LauncherCommonOptions, tasksPerBlock } from './shared/launcherShape.js';

/** Options of {@link WrappedLauncher}. */
export interface WrappedLauncherOptions extends LauncherCommonOptions {
  /** Command put before the worker command, e.g. `shifter --image=x` or `docker run --rm img`. */
  readonly prepend: string;
}

/**
 * Prepends a command (a container runtime, `time`, …) to the worker command; it runs once per
 * block and ignores tasksPerNode and nodesPerBlock. Parsl: parsl.launchers.WrappedLauncher
 */
export class WrappedLauncher implements Launcher {
  public readonly kind = 'wrapped';

  public constructor(public readonly options: WrappedLauncherOptions) {}

  public wrap(command: string, tasksPerNode: number, nodesPerBlock: number): string {
    tasksPerBlock(WrappedLauncher.name, tasksPerNode, nodesPerBlock);
    return `${this.options.prepend} ${command}`;
  }
}
