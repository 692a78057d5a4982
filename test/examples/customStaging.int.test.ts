import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot as root } from '../support/ensureBuilt.js';

const run = promisify(execFile);

beforeAll(ensureBuilt, 180_000);

describe('examples/10-custom-staging', () => {
  it('stages mirror:// files in and out through a provider bound to TOKENS.StagingProvider', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'parsl-example-'));
    const { stdout } = await run('node', [join(root, 'dist/examples/10-custom-staging.js')], {
      cwd,
      timeout: 60_000,
    });
    expect(stdout).toContain('reads.txt has 2 lines; mirror://results/line-count.txt holds 2');
  });
});
