import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BashPayload, ExecutorTask } from '../../src/ports/Executor.js';
import { describeExecutorContract, EXECUTOR_CONTRACT_BASH } from '../contract/executorContract.js';
import { RecordingLogger } from '../support/RecordingLogger.js';
import { FakeExecutor } from './FakeExecutor.js';

const B = EXECUTOR_CONTRACT_BASH;

describeExecutorContract(
  FakeExecutor.name,
  async ({ label }) => ({
    executor: new FakeExecutor({ label })
      .whenBash(B.streams.command, { stdout: B.streams.stdout, stderr: B.streams.stderr })
      .whenBash(B.append.command, { stdout: B.append.stdout })
      .whenBash(B.fail.command, { exitCode: B.fail.exitCode })
      .whenBash(B.noOutput.command)
      .whenBash(B.slow.command, { durationMs: 10_000 })
      .whenBash(B.long.command, { durationMs: 30_000 }),
  }),
  { spawnsBashProcesses: false },
);

const bash = (
  command: string,
  streams: Partial<Pick<BashPayload, 'stdout' | 'stderr'>> = {},
): ExecutorTask => ({
  id: 1,
  tryId: 0,
  appName: 'bash_app',
  payload: { kind: 'bash', command, outputs: [], ...streams },
});

describe(FakeExecutor.name, () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parsl-fake-executor-'));
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  const started = async (fake: FakeExecutor): Promise<FakeExecutor> => {
    await fake.start({ runDir: dir, logger: new RecordingLogger() });
    return fake;
  };

  it('rejects an unscripted bash command loudly, naming it', async () => {
    const fake = await started(new FakeExecutor());
    await expect(fake.submit(bash('make all'))).rejects.toThrow(
      'FakeExecutor.submit: bash command not scripted: make all',
    );
  });

  it('matches bash commands by regular expression', async () => {
    const fake = await started(new FakeExecutor().whenBash(/^cp /, { exitCode: 0 }));
    await expect(fake.submit(bash('cp a b'))).resolves.toBe(0);
  });

  it('writes stdout then stderr to one target shared by both streams', async () => {
    const fake = await started(
      new FakeExecutor().whenBash('both', { stdout: 'o\n', stderr: 'e\n' }),
    );
    const path = join(dir, 'both.log');
    await fake.submit(bash('both', { stdout: { path, mode: 'w' }, stderr: { path, mode: 'w' } }));
    expect(await readFile(path, 'utf8')).toBe('o\ne\n');
  });

  it('records starts, submitted tasks and shutdowns', async () => {
    const fake = await started(new FakeExecutor().whenBash('true'));
    const task = bash('true');
    await fake.submit(task);
    await fake.shutdown();
    expect([fake.starts.length, fake.submitted, fake.shutdowns]).toEqual([
      1,
      [task],
      [{ abort: false }],
    ]);
  });

  it('waits for outstanding attempts when shut down without abort', async () => {
    const fake = await started(new FakeExecutor().whenBash('slow', { durationMs: 100 }));
    const attempt = fake.submit(bash('slow'));
    await fake.shutdown();
    expect([fake.outstanding(), await attempt]).toEqual([0, 0]);
  });
});
