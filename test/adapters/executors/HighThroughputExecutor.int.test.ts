import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HighThroughputExecutor } from '../../../src/adapters/executors/HighThroughputExecutor.js';
import {
  BadStateError,
  ExecutorError,
  SerializationError,
  WorkerLost,
} from '../../../src/domain/errors/ExecutorErrors.js';
import { AppFailure, RemoteException } from '../../../src/domain/errors/TaskErrors.js';
import { File } from '../../../src/domain/staging/File.js';
import { appTask, bashTask, exited, HtexHarness } from './htex/fixtures/htexHarness.js';

describe(`${HighThroughputExecutor.name} (real interchange and pool processes on 127.0.0.1)`, () => {
  const h = new HtexHarness({ maxWorkers: 2 });
  beforeAll(async () => {
    await h.start();
    h.startPool('0');
    await h.waitForPools(1);
  });
  afterAll(() => h.close());

  describe('.submit', () => {
    it('runs a function shipped by module reference and returns its value', async () => {
      await expect(h.executor.submit(appTask('add', [40, 2]))).resolves.toBe(42);
    });

    it('runs a function shipped by value', async () => {
      const task = appTask('unused', [6, 7]);
      const byValue = {
        ...task,
        payload: { ...task.payload, ship: { kind: 'source' as const, source: '(a, b) => a * b' } },
      };
      await expect(h.executor.submit(byValue as typeof task)).resolves.toBe(42);
    });

    it('rebuilds File arguments and results in the worker', async () => {
      const task = appTask('unused', [new File('/tmp/x.txt')]);
      const ship = { kind: 'source' as const, source: '(f) => f' };
      const result = await h.executor.submit({
        ...task,
        payload: { ...task.payload, ship },
      } as typeof task);
      expect(File.isFile(result) && result.path).toBe('/tmp/x.txt');
    });

    it('returns thousands of results, each to its own task', async () => {
      const results = await Promise.all(
        Array.from({ length: 3000 }, (_, i) => h.executor.submit(appTask('add', [i, 1]))),
      );
      expect(results.every((value, i) => value === i + 1)).toBe(true);
    });

    it('rejects with a built-in error rebuilt as its own class', async () => {
      const error = await h.executor.submit(appTask('fail', ['boom'])).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RangeError);
      expect((error as Error).message).toBe('boom');
    });

    it('rejects with RemoteException for an error class the submit side does not have', async () => {
      const task = appTask('unused', []);
      const ship = {
        kind: 'source' as const,
        source: '() => { class QuotaError extends Error {} throw new QuotaError("over quota"); }',
      };
      const error = await h.executor
        .submit({ ...task, payload: { ...task.payload, ship } } as typeof task)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteException);
      expect((error as RemoteException).remoteName).toBe('QuotaError');
    });

    it('rejects unsendable arguments with SerializationError before sending', async () => {
      await expect(h.executor.submit(appTask('add', [() => 1, 2]))).rejects.toBeInstanceOf(
        SerializationError,
      );
    });

    it('runs bash payloads in the pool and checks their exit code', async () => {
      const out = join(h.runDir, 'bash-out.txt');
      await expect(h.executor.submit(bashTask(`echo hi > ${out}`, [out]))).resolves.toBe(0);
      expect(readFileSync(out, 'utf8')).toBe('hi\n');
      const failure = await h.executor.submit(bashTask('exit 3')).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(AppFailure);
      expect((failure as AppFailure).exitCode).toBe(3);
    });
  });

  describe('worker environment', () => {
    it('gives each worker PARSL_WORKER_RANK, PARSL_WORKER_COUNT and PARSL_WORKER_POOL_ID', async () => {
      const managers = await h.executor.connectedManagers();
      const seen = new Map<string, Record<string, string | undefined>>();
      for (let round = 0; round < 20 && seen.size < 2; round += 1) {
        const envs = (await Promise.all(
          [1, 2, 3, 4].map(() =>
            h.executor.submit(appTask('echoEnv', [], { walltimeSeconds: 30 })),
          ),
        )) as Array<Record<string, string | undefined>>;
        for (const env of envs) seen.set(String(env['rank']), env);
      }
      expect([...seen.keys()].sort()).toEqual(['0', '1']);
      for (const env of seen.values()) {
        expect(env['count']).toBe('2');
        expect(env['poolId']).toBe(managers[0]?.managerId);
        expect(env['blockId']).toBe('0');
      }
    });
  });

  describe('when a worker dies mid-task', () => {
    it('fails that task with WorkerLost and keeps serving with a new worker', async () => {
      const error = await h.executor.submit(appTask('die')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkerLost);
      await expect(h.executor.submit(appTask('add', [1, 1]))).resolves.toBe(2);
    });
  });

  describe('logs', () => {
    it('writes the interchange log under <runDir>/<label>', () => {
      expect(existsSync(join(h.runDir, 'htex', 'interchange.log'))).toBe(true);
    });
  });
});

describe(`${HighThroughputExecutor.name} pool links`, () => {
  const h = new HtexHarness({ maxWorkers: 1 });
  beforeAll(async () => {
    await h.start();
  });
  afterAll(() => h.close());

  it('a pool on another host (ipc not reachable) connects over TCP and runs tasks', async () => {
    h.startPool('0', '--ipc-host some-other-host');
    await h.waitForPools(1);
    await expect(h.executor.submit(appTask('add', [5, 5]))).resolves.toBe(10);
    const [pool] = await h.executor.connectedManagers();
    const log = readFileSync(join(h.runDir, 'htex', 'block-0', `${pool?.managerId}.log`), 'utf8');
    expect(log).toMatch(/connecting to the interchange at tcp:\/\/127\.0\.0\.1:\d+/);
  });

  it('a pool on this host connects over ipc', async () => {
    h.startPool('1');
    await h.waitForPools(2);
    const pool = (await h.executor.connectedManagers()).find((m) => m.blockId === '1');
    const log = readFileSync(join(h.runDir, 'htex', 'block-1', `${pool?.managerId}.log`), 'utf8');
    expect(log).toMatch(/connecting to the interchange at ipc:\/\//);
  });
});

describe(`${HighThroughputExecutor.name} hold and drain`, () => {
  const h = new HtexHarness({ maxWorkers: 1 });
  beforeAll(async () => {
    await h.start();
  });
  afterAll(() => h.close());

  it('a held pool gets no new tasks; a drained pool finishes and exits', async () => {
    const first = h.startPool('0');
    await h.waitForPools(1);
    const [held] = await h.executor.connectedManagers();
    expect(await h.executor.holdWorker(held?.managerId ?? '')).toBe(true);
    const task = h.executor.submit(appTask('pid'));
    const second = h.startPool('1');
    await h.waitForPools(2);
    const pid = await task;
    const managers = await h.executor.connectedManagers();
    expect(managers.find((m) => m.managerId === held?.managerId)?.active).toBe(false);
    expect(typeof pid).toBe('number');
    expect(await h.executor.drainWorker(held?.managerId ?? '')).toBe(true);
    expect(await exited(first)).toBe(0);
    expect(second.exitCode).toBeNull();
  });
});

describe(`${HighThroughputExecutor.name} when the interchange dies`, () => {
  const h = new HtexHarness({ maxWorkers: 1 });
  beforeAll(async () => {
    await h.start();
    h.startPool('0');
    await h.waitForPools(1);
  });
  afterAll(() => h.close());

  it('fails outstanding tasks with BadStateError naming the interchange, and later submits too', async () => {
    const running = h.executor.submit(appTask('sleep', [60_000]));
    const queued = h.executor.submit(appTask('sleep', [60_000]));
    await new Promise((r) => setTimeout(r, 300));
    process.kill(h.executor.interchangePid ?? 0, 'SIGKILL');
    const error = await running.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadStateError);
    expect((error as Error).message).toMatch(/interchange process exited \(SIGKILL\)/);
    await expect(queued).rejects.toBeInstanceOf(BadStateError);
    await expect(h.executor.submit(appTask('add', [1, 2]))).rejects.toBeInstanceOf(ExecutorError);
    expect(h.executor.badState).toBeInstanceOf(BadStateError);
  });
});

describe(`${HighThroughputExecutor.name}.setBadState`, () => {
  const h = new HtexHarness();
  beforeAll(async () => {
    await h.start();
  });
  afterAll(() => h.close());

  it('fails outstanding and later tasks with the given error', async () => {
    const waiting = h.executor.submit(appTask('add', [1, 2]));
    const error = new BadStateError('htex', 'every block failed');
    h.executor.setBadState(error);
    await expect(waiting).rejects.toBe(error);
    await expect(h.executor.submit(appTask('add', [1, 2]))).rejects.toBe(error);
    expect(h.executor.badState).toBe(error);
  });
});
