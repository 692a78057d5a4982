import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { nextRunDirName } from '../../domain/rundir/nextRunDirName.js';

/** The directory of one run and its id. */
export interface RunInfo {
  readonly runDir: string;
  readonly runId: string;
}

/**
 * Creates `<base>/NNN` for a new run: one more than the highest numbered entry, starting at 000.
 * Safe when several kernels start at once: a name taken in between is skipped.
 */
export const createRunDirectory = (base: string): RunInfo => {
  const root = resolve(base);
  mkdirSync(root, { recursive: true });
  for (let attempt = 0; attempt < 1000; attempt += 1) {
    const name = nextRunDirName(readdirSync(root));
    const runDir = join(root, name);
    try {
      mkdirSync(runDir);
      return { runDir, runId: `${name}-${process.pid}-${Date.now().toString(36)}` };
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`createRunDirectory: could not create a run directory under ${root}`);
};
