import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HighThroughputExecutor } from '../../../src/adapters/executors/HighThroughputExecutor.js';
import { BadStateError } from '../../../src/domain/errors/ExecutorErrors.js';
import { processAlive } from '../../support/processAlive.js';
import { tempDir } from '../../support/tempRunDir.js';
import { tsChildLoaderArgs } from '../../support/tsChildLoader.js';
import { until } from '../../support/until.js';
import { appTask, HtexHarness } from './htex/fixtures/htexHarness.js';

const EXIT_SCRIPT = join(import.meta.dirname, 'htex', 'fixtures', 'exitWithHtex.ts');

/** The executor's ipc directory, as its pool command names it. */
const ipcDirOf = (executor: HighThroughputExecutor): string => {
  const endpoint = /ipc:\/\/(\S+)\/workers\.sock/.exec(executor.poolCommand('0'))?.[1];
  if (endpoint === undefined) throw new Error('the pool command names no ipc endpoint');
  return endpoint;
};

describe(`${HighThroughputExecutor.name}.killSync`, () => {
  const h = new HtexHarness({ label: 'htex_kill' });
  beforeAll(() => h.start());
  afterAll(() => h.close());

  it('stops the interchange and removes its ipc directory at once; later submits fail', async () => {
    const pid = h.executor.interchangePid ?? 0;
    const ipcDir = ipcDirOf(h.executor);
    expect([processAlive(pid), existsSync(ipcDir)]).toEqual([true, true]);
    h.executor.killSync();
    expect(existsSync(ipcDir)).toBe(false);
    await until(() => !processAlive(pid), 5000);
    const error = await h.executor.submit(appTask('add', [1, 2])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadStateError);
    expect((error as Error).message).toMatch(/htex_kill.*stopped by killSync\(\)/);
  });
});

describe(`${HighThroughputExecutor.name} in a script that ends with process.exit()`, () => {
  it('leaves no parsl-ts-ix-* directory and no interchange behind', async () => {
    const tmp = tempDir('htex-exit-');
    const childTmp = join(tmp, 'tmp');
    mkdirSync(childTmp);
    const child = spawn(process.execPath, [...tsChildLoaderArgs(), EXIT_SCRIPT, join(tmp, 'run')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TMPDIR: childTmp },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const pid = Number(stdout.trim());
    expect(pid).toBeGreaterThan(0);
    expect(readdirSync(childTmp).filter((name) => name.startsWith('parsl-ts-ix-'))).toEqual([]);
    await until(() => !processAlive(pid), 5000);
  });
});
