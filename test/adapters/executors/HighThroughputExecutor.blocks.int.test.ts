import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalChannel } from '../../../src/adapters/channels/LocalChannel.js';
import { HighThroughputExecutor } from '../../../src/adapters/executors/HighThroughputExecutor.js';
import { SingleNodeLauncher } from '../../../src/adapters/launchers/SingleNodeLauncher.js';
import { LocalProvider } from '../../../src/adapters/providers/LocalProvider.js';
import { ManagerLost } from '../../../src/domain/errors/ExecutorErrors.js';
import { appTask, MemoryLogger } from './htex/fixtures/htexHarness.js';

const waitFor = async (
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe(`${HighThroughputExecutor.name} blocks through LocalProvider + SingleNodeLauncher`, () => {
  const runDir = mkdtempSync(join(tmpdir(), 'htex-blocks-'));
  const provider = new LocalProvider(
    { initBlocks: 1, maxBlocks: 3, walltime: '00:05:00', statusPollingIntervalMs: 200 },
    new LocalChannel({ scriptDir: join(runDir, 'submit_scripts') }),
    new SingleNodeLauncher(),
  );
  const htex = new HighThroughputExecutor({
    label: 'htex',
    provider,
    maxWorkers: 1,
    heartbeatPeriod: 0.2,
    heartbeatThreshold: 10,
  });
  const pools = async () => htex.connectedManagers();

  beforeAll(async () => {
    await htex.start({ runDir, logger: new MemoryLogger() });
  });
  afterAll(async () => {
    await htex.shutdown();
    rmSync(runDir, { recursive: true, force: true });
  });

  it('starts initBlocks at start() and runs tasks in them', async () => {
    expect([...htex.blockStatuses().keys()]).toEqual(['0']);
    await expect(htex.submit(appTask('add', [1, 2]))).resolves.toBe(3);
    expect((await pools())[0]?.blockId).toBe('0');
  });

  it('scaleOut starts a new block whose pool registers with its block id', async () => {
    expect(await htex.scaleOut(1)).toEqual(['1']);
    await waitFor('block 1 to register', async () =>
      (await pools()).some((m) => m.blockId === '1'),
    );
    expect(htex.connectedWorkers).toBe(2);
  });

  it('scaleIn without force cancels only idle blocks, never the one running a task', async () => {
    const running = htex.submit(appTask('sleep', [1500]));
    await waitFor('the task to be dispatched', async () =>
      (await pools()).some((m) => m.tasks > 0),
    );
    const busy = (await pools()).find((m) => m.tasks > 0)?.blockId;
    const cancelled = await htex.scaleIn(2);
    expect(cancelled).toHaveLength(1);
    expect(cancelled).not.toContain(busy);
    await expect(running).resolves.toBe(1500);
    expect(htex.blockStatuses().get(cancelled[0] ?? '')?.state).toBe('SCALED_IN');
  });

  it('scaleIn with force cancels a busy block, whose task fails with ManagerLost', async () => {
    const running = htex.submit(appTask('sleep', [60_000])).catch((error: unknown) => error);
    await waitFor('the task to be dispatched', async () =>
      (await pools()).some((m) => m.tasks > 0),
    );
    const cancelled = await htex.scaleIn(1, { force: true });
    expect(cancelled).toHaveLength(1);
    expect(await running).toBeInstanceOf(ManagerLost);
  });

  it('pollBlockStatuses asks the provider about live blocks', async () => {
    const statuses = await htex.pollBlockStatuses();
    expect([...statuses.values()].every((s) => s.state === 'SCALED_IN')).toBe(true);
  });
});
