import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An empty directory TMPDIR (so `os.tmpdir()`) points at until `restore`, to see what code leaves there. */
export interface FreshTmpdir {
  readonly dir: string;
  /** Names in `dir` starting with `prefix`, sorted. */
  readonly entries: (prefix: string) => string[];
  readonly restore: () => void;
}

export const freshTmpdir = (): FreshTmpdir => {
  const previous = process.env['TMPDIR'];
  const dir = mkdtempSync(join(tmpdir(), 'fresh-tmpdir-'));
  process.env['TMPDIR'] = dir;
  return {
    dir,
    entries: (prefix) =>
      readdirSync(dir)
        .filter((name) => name.startsWith(prefix))
        .sort(),
    restore: () => {
      if (previous === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = previous;
    },
  };
};
