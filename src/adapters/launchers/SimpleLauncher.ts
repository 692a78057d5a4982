import type { Launcher } from '../../ports/Launcher.js';
import { type LauncherCommonOptions, tasksPerBlock } from './shared/launcherShape.js';

/** Options of {@link SimpleLauncher}. */
export interface SimpleLauncherOptions extends LauncherCommonOptions {}

/**
 * Does no wrapping: the command runs once per block as-is (one node per block; extra nodes get
 * nothing). Parsl: parsl.launchers.SimpleLauncher
 */
export class SimpleLauncher implements Launcher {
  public readonly kind = 'simple';

  public constructor(public readonly options: SimpleLauncherOptions = {}) {}

  public wrap(command: string, tasksPerNode: number, nodesPerBlock: number): string {
    tasksPerBlock(SimpleLauncher.name, tasksPerNode, nodesPerBlock);
    return command;
  }
}
