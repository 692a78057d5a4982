import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManagerLost } from '../../../../src/domain/errors/ExecutorErrors.js';
import { appTask, HtexHarness } from './fixtures/htexHarness.js';

describe('HighThroughputExecutor when a pool stops heartbeating (SIGSTOP)', () => {
  const h = new HtexHarness({ maxWorkers: 1, heartbeatPeriod: 0.2, heartbeatThreshold: 2.5 });
  beforeAll(async () => {
    await h.start();
  });
  afterAll(() => h.close());

  it('fails the tasks it held with ManagerLost, and a fresh pool serves new tasks', async () => {
    const stopped = h.startPool('0');
    await h.waitForPools(1);
    const held = h.executor.submit(appTask('sleep', [30_000]));
    await new Promise((r) => setTimeout(r, 300));
    process.kill(-(stopped.pid ?? 0), 'SIGSTOP');
    const error = await held.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagerLost);
    expect((error as ManagerLost).message).toMatch(/stopped heartbeating/);
    expect(await h.executor.connectedManagers()).toEqual([]);
    h.startPool('1');
    await h.waitForPools(1);
    await expect(h.executor.submit(appTask('add', [2, 2]))).resolves.toBe(4);
  });

  it('a stopped pool that wakes up exits (refused, or on its own heartbeat threshold)', async () => {
    const pool = h.pools[0];
    process.kill(-(pool?.pid ?? 0), 'SIGCONT');
    const code = await new Promise((resolve) => pool?.once('exit', resolve));
    expect([3, 4]).toContain(code);
  });
});
