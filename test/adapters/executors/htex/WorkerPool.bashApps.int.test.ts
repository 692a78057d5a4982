import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WorkerLost } from '../../../../src/domain/errors/ExecutorErrors.js';
import { processAlive } from '../../../support/processAlive.js';
import { until } from '../../../support/until.js';
import { bashTask, exited, HtexHarness } from './fixtures/htexHarness.js';

/*
 * A bash app runs in a session of its own, so no signal to its worker, its pool or the pool's block
 * reaches it: the pool itself must kill it on every way it stops, and when its worker dies.
 */

/** Bash pids started by a test, killed afterwards whatever happened. */
const started: number[] = [];

/** Runs a long bash app on `h` (after `prelude`); resolves with its pid and its worker's once it runs. */
const runLongBash = async (
  h: HtexHarness,
  name: string,
  prelude = '',
): Promise<{ bash: number; worker: number; attempt: Promise<unknown> }> => {
  const file = join(h.runDir, `${name}.pids`);
  const command = `${prelude}echo $$ $PPID > ${file}.tmp && mv ${file}.tmp ${file}; exec sleep 30`;
  const attempt = h.executor.submit(bashTask(command)).catch((error: unknown) => error);
  let text = '';
  await until(() => {
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return false;
    }
    return true;
  }, 20_000);
  const [bash = 0, worker = 0] = text.trim().split(' ').map(Number);
  started.push(bash);
  return { bash, worker, attempt };
};

afterEach(() => {
  for (const pid of started.splice(0)) if (processAlive(pid)) process.kill(pid, 'SIGKILL');
});

describe('WorkerPool with a running bash app, while the interchange is up', () => {
  const h = new HtexHarness({ label: 'htex_bash', maxWorkers: 1 });
  beforeAll(() => h.start());
  afterAll(() => h.close());

  it('kills the bash app of a worker that dies, and fails its task with WorkerLost', async () => {
    h.startPool('0');
    await h.waitForPools(1);
    const { bash, worker, attempt } = await runLongBash(h, 'worker-dies');
    process.kill(worker, 'SIGKILL');
    expect(await attempt).toBeInstanceOf(WorkerLost);
    await until(() => !processAlive(bash), 3000);
  });

  it('kills the bash app when the pool gets SIGTERM (its block is cancelled)', async () => {
    const pool = h.pools[0];
    const { bash } = await runLongBash(h, 'pool-term');
    process.kill(pool?.pid ?? 0, 'SIGTERM');
    await until(() => !processAlive(bash), 3000);
    expect(await exited(pool as NonNullable<typeof pool>)).toBe(0);
  });

  it('kills a bash app that ignores SIGTERM while SIGTERM repeats, as a block cancel sends it', async () => {
    const pool = h.startPool('1');
    await h.waitForPools(1);
    const { bash } = await runLongBash(h, 'cancel', "trap '' TERM; ");
    const term = (): void => {
      try {
        process.kill(-(pool.pid ?? 0), 'SIGTERM');
      } catch {
        // the pool's group is gone
      }
    };
    const cancel = setInterval(term, 100);
    term();
    try {
      await until(() => !processAlive(bash), 4000);
      await exited(pool);
      // It cleans up and exits 0; a SIGTERM of the repeating cancel that lands while Node tears
      // down its signal handlers, after the cleanup, may end it instead (as it does a real block).
      expect(pool.exitCode === 0 || pool.signalCode === 'SIGTERM').toBe(true);
    } finally {
      clearInterval(cancel);
    }
  });

  it('kills the bash app when the interchange tells the pool to shut down', async () => {
    const pool = h.startPool('2');
    await h.waitForPools(1);
    const { bash } = await runLongBash(h, 'shutdown');
    await h.executor.shutdown();
    await until(() => !processAlive(bash), 3000);
    expect(await exited(pool)).toBe(0);
  });
});

describe('WorkerPool with a running bash app, when its interchange is gone', () => {
  const h = new HtexHarness({
    label: 'htex_bash_lost',
    maxWorkers: 1,
    heartbeatPeriod: 0.2,
    heartbeatThreshold: 1.5,
  });
  beforeAll(() => h.start());
  afterAll(() => h.close());

  it('kills the bash app when the pool stops on its heartbeat threshold', async () => {
    const pool = h.startPool('0');
    await h.waitForPools(1);
    const { bash } = await runLongBash(h, 'lost');
    process.kill(h.executor.interchangePid ?? 0, 'SIGKILL');
    expect(await exited(pool)).toBe(4);
    await until(() => !processAlive(bash), 2000);
  });
});
