import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root. */
export const repoRoot = resolve(import.meta.dirname, '../..');

const newestMtime = (dir: string): number => {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
};

/**
 * Builds `dist/` (tsc) when it is missing or older than `src/`, for tests that run real scripts
 * with `node` as users do. CI builds before testing, so there this is a no-op.
 */
export const ensureBuilt = (): void => {
  const marker = join(repoRoot, 'dist/src/index.js');
  if (existsSync(marker) && statSync(marker).mtimeMs >= newestMtime(join(repoRoot, 'src'))) return;
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'inherit' });
  } catch {
    // tsc still emits on type errors; those are the typecheck step's business, not this test's
    if (!existsSync(marker)) throw new Error('ensureBuilt: tsc produced no dist/src/index.js');
  }
};
