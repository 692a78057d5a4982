import { BadLauncher } from '../../../domain/errors/ProviderErrors.js';

/** Options every launcher has. */
export interface LauncherCommonOptions {
  /** Print progress lines ("Found cores : …", "Launching worker: …") from the wrapper. @default true */
  readonly debug?: boolean;
}

/**
 * Checks the block shape and returns tasks per block (tasksPerNode × nodesPerBlock).
 * @throws {BadLauncher} when either number is not a positive integer
 */
export const tasksPerBlock = (
  launcher: string,
  tasksPerNode: number,
  nodesPerBlock: number,
): number => {
  for (const [name, value] of [
    ['tasksPerNode', tasksPerNode],
    ['nodesPerBlock', nodesPerBlock],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new BadLauncher(
        launcher,
        `wrap: ${name} must be a positive integer, got ${value}. Check the executor's workersPerNode and the provider's nodesPerBlock.`,
      );
    }
  }
  return tasksPerNode * nodesPerBlock;
};

/** Parsl writes the debug flag into the scripts as 1 / 0. */
export const debugFlag = (debug: boolean | undefined): number => (debug === false ? 0 : 1);
