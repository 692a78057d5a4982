import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/**
 * Call at the top of a test file: returns a function that gives a path `name` in a fresh temporary
 * directory (named after `prefix`); the directories are removed after each test.
 */
export const scratchFiles = (prefix: string): ((name: string) => Promise<string>) => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });
  return async (name) => {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    dirs.push(dir);
    return join(dir, name);
  };
};
