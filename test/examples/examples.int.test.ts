import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot as root } from '../support/ensureBuilt.js';

const run = promisify(execFile);

/** Examples run from the build, as users run them (`npm run example`). */
beforeAll(ensureBuilt, 180_000);

const example = async (name: string): Promise<string> => {
  const cwd = mkdtempSync(join(tmpdir(), 'parsl-example-'));
  const { stdout } = await run('node', [join(root, 'dist/examples', name)], {
    cwd,
    timeout: 60_000,
  });
  return stdout;
};

describe('examples', () => {
  it('01-hello prints the app results and the bash app output', async () => {
    const out = await example('01-hello.js');
    expect(out).toContain('Hello World!\n5 x 9 = 45\nbash app wrote: Hello World!');
  });

  it('02-sequential saves the generated number', async () => {
    expect(await example('02-sequential.js')).toMatch(/random number (\d+) saved: \1/);
  });

  it('03-parallel runs five 1 s tasks in well under 5 s', async () => {
    expect(await example('03-parallel.js')).toMatch(/numbers (\d+, ){4}\d+ in [0-3]\.\d s/);
  });

  it('04-dataflow totals the numbers the bash apps wrote', async () => {
    const out = await example('04-dataflow.js');
    const match = /numbers: ([\d +]+) = (\d+)/.exec(out);
    const parts = (match?.[1] ?? '').split(' + ').map(Number);
    expect(parts).toHaveLength(5);
    expect(Number(match?.[2])).toBe(parts.reduce((a, b) => a + b, 0));
  });

  it('05-montecarlo-pi estimates pi to within 0.01 (seed E13)', async () => {
    const out = await example('05-montecarlo-pi.js');
    const average = Number(/Average: ([\d.]+)/.exec(out)?.[1]);
    expect(Math.abs(average - Math.PI)).toBeLessThan(0.01);
    expect(out).toMatch(/^a: \d\.\d{5} b: \d\.\d{5} c: \d\.\d{5}$/m);
  });

  it('06-lazy-fail reports the A..F graph', async () => {
    const out = await example('06-lazy-fail.js');
    expect(out).toMatch(
      /A: completed\nB: completed\nC: failed: Error: C failed\nD: completed\nE: dependency failure/,
    );
    expect(out).toMatch(/F: dependency failure/);
  });

  it('07-htex-local runs on two HTEX workers and records resource samples of each task', async () => {
    const out = await example('07-htex-local.js');
    expect(out).toMatch(/^task 3: worker rank [01] \(pid \d+\) spun \d+ times$/m);
    expect(out).toContain('workers used: 2\nbash app exit code: 0');
    const match = /resource samples: (\d+) for (\d+) tasks/.exec(out);
    expect(Number(match?.[2])).toBeGreaterThanOrEqual(4);
    expect(Number(match?.[1])).toBeGreaterThanOrEqual(Number(match?.[2]));
  });

  it('modular/run prints 0 + 1 = 1 … 4 + 1 = 5 (seed E39)', async () => {
    const out = await example('modular/run.js');
    expect(out).toBe(
      ['0 + 1 = 1', '1 + 1 = 2', '2 + 1 = 3', '3 + 1 = 4', '4 + 1 = 5', ''].join('\n'),
    );
  });

  it('08-custom-executor runs apps on a bound executor', async () => {
    expect(await example('08-custom-executor.js')).toContain(
      'squares 1, 4, 9 computed by counting: 3 tasks',
    );
  });

  it('09-mapreduce sums doubles to 90 (seed E15)', async () => {
    expect(await example('09-mapreduce.js')).toContain('sum of doubles: 90');
  });
});
