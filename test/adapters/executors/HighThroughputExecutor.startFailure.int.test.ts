import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HighThroughputExecutor } from '../../../src/adapters/executors/HighThroughputExecutor.js';
import { ExecutorError } from '../../../src/domain/errors/ExecutorErrors.js';
import { processAlive } from '../../support/processAlive.js';
import { tempDir } from '../../support/tempRunDir.js';
import { tsChildLoaderArgs } from '../../support/tsChildLoader.js';
import { MemoryLogger } from './htex/fixtures/htexHarness.js';

/** When set, the interchange entry runs this command instead (a fake that breaks start-up). */
const fake = vi.hoisted(() => ({ command: undefined as string[] | undefined }));

vi.mock(import('../../../src/adapters/executors/htex/entryPoints.js'), async (importOriginal) => {
  const original = await importOriginal();
  return {
    ...original,
    entryCommand: (entry) =>
      entry === 'interchangeMain' && fake.command !== undefined
        ? fake.command
        : original.entryCommand(entry),
  };
});

const FAKE_INTERCHANGE = join(import.meta.dirname, 'htex', 'fixtures', 'fakeInterchange.ts');

describe(`${HighThroughputExecutor.name}.start when the interchange fails after it was spawned`, () => {
  const savedTmp = process.env['TMPDIR'];
  let tmp = '';
  let pidFile = '';
  beforeEach(() => {
    tmp = tempDir('htex-start-fail-');
    pidFile = join(tmp, 'interchange.pid');
    // The executor's parsl-ts-ix-* directory lands here, where the test can look for it.
    process.env['TMPDIR'] = tmp;
  });
  afterEach(() => {
    if (savedTmp === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = savedTmp;
    fake.command = undefined;
    // Without the fix the fake stays: do not leave it running.
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8'));
      if (processAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  it.each([
    ['garbage', /could not start: the interchange did not start: it printed "listening, honest"/],
    ['bad-ipc', /could not start: cannot connect to the interchange's bogus:\/\/nowhere/],
  ])(
    '(%s) rejects naming the executor and the cause, and leaves no process or ipc directory',
    async (mode, cause) => {
      fake.command = [process.execPath, ...tsChildLoaderArgs(), FAKE_INTERCHANGE, mode, pidFile];
      const htex = new HighThroughputExecutor({ label: 'htex_broken' });
      const started = htex.start({ runDir: join(tmp, 'run'), logger: new MemoryLogger() });
      const error = await started.catch((e: unknown) => e);
      const pid = Number(readFileSync(pidFile, 'utf8'));
      expect(processAlive(pid)).toBe(false);
      expect(readdirSync(tmp).filter((name) => name.startsWith('parsl-ts-ix-'))).toEqual([]);
      expect(error).toBeInstanceOf(ExecutorError);
      expect((error as Error).message).toMatch(/^executor htex_broken: /);
      expect((error as Error).message).toMatch(cause);
      expect((error as Error).message).toMatch(/See .*htex_broken\/interchange\.log\.$/);
      await htex.shutdown();
    },
  );
});
