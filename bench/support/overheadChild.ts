// One side of the monitoring-overhead comparison, in a process of its own so that V8 only ever
// sees one configuration (switching monitoring on and off within one process makes V8 throw away
// the kernel's optimized code, a cost no real run pays):
//   node dist/bench/support/overheadChild.js none|in-thread|worker WARM MEASURED
// runs WARM unmeasured bursts, then MEASURED bursts, each of 10,000 no-op tasks on a fresh
// kernel, and prints {"runs":[{run,total,cpu,cpuTotal}, ...]} (seconds). WARM 0 and MEASURED 1 is
// a user's script: one burst, JIT warm-up included.
import { mkdtempSync, rmSync } from 'node:fs';
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

const burst = async (kind: OverheadKind, dir: string): Promise<OverheadRun> => {
  const runDir = mkdtempSync(join(dir, 'k-'));
  const kernel = await load(
    { runDir, executors: [{ kind: 'in-process', label: 'local' }] },
    { global: false, signals: false },
  );
  const url = join(runDir, 'monitoring.db');
  const store =
    kind === 'worker'
      ? new WorkerMonitoringStore({ url })
      : kind === 'in-thread'
        ? new TypeOrmMonitoringStore({ url })
        : undefined;
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
  // Every burst starts with an empty young generation, so that none inherits another's garbage.
  gc();
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < TASKS; i += 1) void task();
  await kernel.waitForCurrentTasks();
  const run = seconds(start);
  const cpu = cpuSeconds(cpu0);
  await kernel.cleanup();
  await handle?.close();
  return { run, total: seconds(start), cpu, cpuTotal: cpuSeconds(cpu0) };
};

const [kindArg = 'none', warmArg = '0', measuredArg = '1'] = process.argv.slice(2);
const kind = kindArg as OverheadKind;
const dir = mkdtempSync(join(tmpdir(), 'parsl-overhead-'));
try {
  for (let i = 0; i < Number(warmArg); i += 1) await burst(kind, dir);
  const runs: OverheadRun[] = [];
  for (let i = 0; i < Number(measuredArg); i += 1) runs.push(await burst(kind, dir));
  console.log(JSON.stringify({ runs }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
