import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/ensureBuilt.js';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });

const files = sources(join(repoRoot, 'src')).map((path) => ({
  path: relative(repoRoot, path),
  text: readFileSync(path, 'utf8'),
}));

describe('architecture (the rules Biome cannot express)', () => {
  it('resolves from the container only in the composition root (no service locator)', () => {
    const offenders = files
      .filter((f) => !f.path.startsWith('src/app/container/'))
      .filter((f) => /\bcontainer\.(get|getAll|getAsync)\s*\(/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('keeps decorators off domain, ports and adapters', () => {
    const offenders = files
      .filter((f) => /^src\/(domain|ports|adapters)\//.test(f.path))
      .filter((f) => /@(injectable|inject|multiInject)\(/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('keeps every source file under the 400-line cap', () => {
    const long = files
      .filter((f) => f.text.split('\n').length > 400)
      .map((f) => `${f.path} (${f.text.split('\n').length})`);
    expect(long).toEqual([]);
  });
});
