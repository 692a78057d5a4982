import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { NullLogger } from '../../src/adapters/logging/NullLogger.js';
import { ProcResourceSampler } from '../../src/adapters/monitoring/ProcResourceSampler.js';
import { TypeOrmMonitoringStore } from '../../src/adapters/monitoring/TypeOrmMonitoringStore.js';
import { attachMonitoring } from '../../src/app/monitoring/attachMonitoring.js';
import { app, load } from '../../src/index.js';
import { tempDir } from './tempRunDir.js';

/** A real run recorded into a SQLite monitoring database. */
export interface DemoRun {
  readonly dir: string;
  readonly dbFile: string;
  readonly runId: string;
  /** Tasks by final state, as the kernel reported them. */
  readonly tasks: number;
  readonly cleanup: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a small science-shaped workflow on the in-process executor with monitoring on: 8 simulate
 * tasks, 4 analyse tasks each joining two simulations, a plot over all analyses, a flaky task that
 * succeeds on its retry, a broken task and a dependant that fails with it. A busy process is
 * sampled as the plot task's process so the run has resource rows.
 */
export const recordDemoRun = async (): Promise<DemoRun> => {
  const dir = tempDir('parsl-demo-');
  const dbFile = join(dir, 'runinfo', 'monitoring.db');
  const kernel = await load(
    {
      runDir: join(dir, 'runinfo'),
      executors: [{ kind: 'in-process', label: 'local' }],
      retries: 1,
    },
    { global: false, signals: false },
  );
  const handle = await attachMonitoring(
    kernel.events$,
    new TypeOrmMonitoringStore({ url: dbFile }),
    {
      runId: kernel.runId,
      runDir: kernel.runDir,
      workflowName: 'demo-science',
      workflowVersion: '1.0',
      flushIntervalMs: 50,
      resourceIntervalMs: 100,
      sampler: new ProcResourceSampler(),
    },
    new NullLogger(),
  );
  const simulate = app(
    async (i: number) => {
      await sleep(20 + i * 5);
      return i * i;
    },
    { kernel, name: 'simulate' },
  );
  const analyse = app(
    async (a: number, b: number) => {
      await sleep(30);
      return a + b;
    },
    { kernel, name: 'analyse' },
  );
  const plot = app(
    async (...xs: number[]) => {
      await sleep(400);
      return xs.length;
    },
    { kernel, name: 'plot' },
  );
  let flakyCalls = 0;
  const flaky = app(
    () => {
      flakyCalls += 1;
      if (flakyCalls === 1) throw new Error('transient glitch');
      return 'ok';
    },
    { kernel, name: 'flaky' },
  );
  const broken = app(
    (): number => {
      throw new Error('ValueError: bad input');
    },
    { kernel, name: 'broken' },
  );
  const sims = Array.from({ length: 8 }, (_, i) => simulate(i));
  const analyses = [0, 1, 2, 3].map((k) => analyse(sims[2 * k] ?? 0, sims[2 * k + 1] ?? 0));
  const final = plot(...analyses);
  const busy = spawn('timeout', ['1.5', 'sh', '-c', 'while :; do :; done'], { stdio: 'ignore' });
  const exited = once(busy, 'exit');
  await once(busy, 'spawn');
  const stop = handle.watchProcess(final.taskId, 0, busy.pid ?? -1);
  const extra = [flaky(), broken()];
  extra.push(analyse(extra[1] as never, 1));
  await kernel.waitForCurrentTasks();
  await exited;
  stop();
  await kernel.cleanup();
  await handle.close();
  return {
    dir,
    dbFile,
    runId: kernel.runId,
    tasks: sims.length + analyses.length + 1 + extra.length,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
};
