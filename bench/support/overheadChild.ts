// One side of the monitoring-overhead comparison, in a process of its own so that V8 only ever
// sees one configuration (switching monitoring on and off within one process makes V8 throw away
// the kernel's optimized code, a cost no real run pays):
//   node dist/bench/support/overheadChild.js none|in-thread|worker WARM MEASURED [MODE]
// runs WARM unmeasured bursts, then MEASURED bursts, each of 10,000 no-op tasks, and prints
// {"runs":[{run,total,cpu,cpuTotal}, ...]} (seconds; total and cpuTotal include writing the rows).
// MODE fresh-kernels (default): each burst on a fresh kernel with `monitoring` in its config,
// cleaned up after it; WARM 0 and MEASURED 1 is a user's script, JIT warm-up included. MODE
// one-kernel: every burst on one kernel, monitoring attached (attachMonitoring) and its rows
// flushed after each burst (a long workflow submitting bursts).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { NullLogger } from '../../src/adapters/logging/NullLogger.js';
import { TypeOrmMonitoringStore } from '../../src/adapters/monitoring/TypeOrmMonitoringStore.js';
import { WorkerMonitoringStore } from '../../src/adapters/monitoring/WorkerMonitoringStore.js';
import { attachMonitoring } from '../../src/app/monitoring/attachMonitoring.js';
import { app, load } from '../../src/index.js';

export type OverheadKind = 'none' | 'in-thread' | 'worker';
export interface OverheadRun {
  readonly run: number;
  readonly total: number;
  readonly cpu: number;
  readonly cpuTotal: number;
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const TASKS = 10_000;
const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

interface Session {
  readonly task: () => PromiseLike<number>;
  readonly waitForTasks: () => Promise<void>;
  /** Writes what monitoring recorded (one kernel: the hub's flush; fresh kernels: cleanup and close). */
  readonly settle: () => Promise<void>;
  readonly close: () => Promise<void>;
}

/**
 * A kernel configured the way a user does it (`monitoring` in the config: the kernel waits for its
 * clock, opens the store and the workers' radio); with `attached`, monitoring is attached to a
 * plain kernel instead, so that its rows can be flushed between bursts.
 */
const openSession = async (
  kind: OverheadKind,
  dir: string,
  attached: boolean,
): Promise<Session> => {
  const runDir = mkdtempSync(join(dir, 'k-'));
  const configured = kind !== 'none' && !attached;
  const kernel = await load(
    {
      runDir,
      executors: [{ kind: 'in-process', label: 'local' }],
      progress: false,
      ...(configured ? { monitoring: { storeInWorkerThread: kind === 'worker' } } : {}),
    },
    { global: false, signals: false },
  );
  const url = join(runDir, 'monitoring.db');
  const store =
    !attached || kind === 'none'
      ? undefined
      : kind === 'worker'
        ? new WorkerMonitoringStore({ url })
        : new TypeOrmMonitoringStore({ url });
  const handle =
    store === undefined
      ? undefined
      : await attachMonitoring(
          kernel,
          store,
          { runId: kernel.runId, runDir: kernel.runDir },
          new NullLogger(),
        );
  const task = app((): number => 0, { kernel });
  await task();
  const close = async (): Promise<void> => {
    await kernel.cleanup();
    await handle?.close();
  };
  return {
    task,
    waitForTasks: () => kernel.waitForCurrentTasks(),
    settle: async () => {
      await handle?.flush();
    },
    close,
  };
};

const burst = async (session: Session, settle: () => Promise<void>): Promise<OverheadRun> => {
  // Every burst starts with an empty young generation, so that none inherits another's garbage.
  gc();
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < TASKS; i += 1) void session.task();
  await session.waitForTasks();
  const run = seconds(start);
  const cpu = cpuSeconds(cpu0);
  await settle();
  return { run, total: seconds(start), cpu, cpuTotal: cpuSeconds(cpu0) };
};

const [kindArg = 'none', warmArg = '0', measuredArg = '1', mode = 'fresh-kernels'] =
  process.argv.slice(2);
const kind = kindArg as OverheadKind;
// Scratch in memory where there is a tmpfs: the rows earlier bursts wrote would otherwise be
// written back to disk by the kernel during later bursts (this VM's /tmp is a disk).
const scratch = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const dir = mkdtempSync(join(scratch, 'parsl-overhead-'));
try {
  const runs: OverheadRun[] = [];
  const bursts = Number(warmArg) + Number(measuredArg);
  if (mode === 'one-kernel') {
    const session = await openSession(kind, dir, true);
    for (let i = 0; i < bursts; i += 1) {
      const run = await burst(session, session.settle);
      if (i >= Number(warmArg)) runs.push(run);
    }
    await session.close();
  } else {
    for (let i = 0; i < bursts; i += 1) {
      const session = await openSession(kind, dir, false);
      const run = await burst(session, session.close);
      if (i >= Number(warmArg)) runs.push(run);
    }
  }
  console.log(JSON.stringify({ runs }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
