// Monitoring benchmarks (issue 7): one JSON line per measurement (bench, n, seconds, rows_per_s or
// tasks_per_s, ...). Run after `npm run build` with `node dist/bench/monitoringBench.js [--quick]`.
// Targets: >= 20,000 state rows/s into SQLite; monitoring costs <= 10% of no-op throughput at
// 10,000 in-process tasks; every visualizer page answers in < 1 s for a run of 100,000 tasks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Subject } from 'rxjs';
import { NullLogger } from '../src/adapters/logging/NullLogger.js';
import { TypeOrmMonitoringStore } from '../src/adapters/monitoring/TypeOrmMonitoringStore.js';
import { WorkerMonitoringStore } from '../src/adapters/monitoring/WorkerMonitoringStore.js';
import { VisualizerServer } from '../src/adapters/visualizer/VisualizerServer.js';
import { attachMonitoring } from '../src/app/monitoring/attachMonitoring.js';
import type { MonitoringInput } from '../src/app/monitoring/MonitoringInput.js';
import { app, load } from '../src/index.js';
import type { ResourceRow, StatusRow } from '../src/ports/MonitoringStore.js';
import { syntheticRun } from './support/syntheticRun.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const quick = process.argv.includes('--quick');
const dir = mkdtempSync(join(tmpdir(), 'parsl-mon-bench-'));
const emit = (record: Record<string, unknown>): void => console.log(JSON.stringify(record));
const now = (): bigint => process.hrtime.bigint();
const seconds = (start: bigint): number => Number(now() - start) / 1e9;
const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const empty = { workflows: [], tasks: [], tries: [], blocks: [], nodes: [], resources: [] };

const PG_URL =
  process.env['PARSL_TEST_PG_URL'] ?? 'postgresql://parsl:parsl@127.0.0.1:5432/parsl_test';

const storeWrites = async (): Promise<void> => {
  await writeRows('sqlite', new TypeOrmMonitoringStore({ url: join(dir, 'writes.db') }));
  const schema = `bench_${process.pid}`;
  const pg = new TypeOrmMonitoringStore({ url: PG_URL, schema });
  try {
    await pg.open();
  } catch {
    emit({
      bench: 'monitoring_postgres_state_rows',
      skipped: `no PostgreSQL at ${PG_URL} (scripts/services/postgres.sh start)`,
    });
    return;
  }
  await pg.close();
  await writeRows('postgres', new TypeOrmMonitoringStore({ url: PG_URL, schema }));
  const { default: pgLib } = await import('pg');
  const client = new pgLib.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
};

const writeRows = async (
  db: 'sqlite' | 'postgres',
  store: TypeOrmMonitoringStore,
): Promise<void> => {
  const n = quick ? 50_000 : 200_000;
  await store.open();
  const batch = 5000;
  const start = now();
  for (let i = 0; i < n; i += batch) {
    const statuses: StatusRow[] = [];
    for (let j = i; j < i + batch; j += 1) {
      statuses.push({
        runId: 'bench',
        taskId: j >> 2,
        tryId: 0,
        state: `s${j & 3}`,
        timestamp: 1e12 + j,
      });
    }
    await store.write({ ...empty, statuses });
  }
  const elapsed = seconds(start);
  emit({
    bench: `monitoring_${db}_state_rows`,
    n,
    batch,
    seconds: elapsed,
    rows_per_s: Math.round(n / elapsed),
  });
  await store.close();
};

const hubSynthetic = async (): Promise<void> => {
  const n = quick ? 20_000 : 100_000;
  const { events, expected } = syntheticRun(n, 'hub-bench');
  const events$ = new Subject<MonitoringInput>();
  const store = new TypeOrmMonitoringStore({ url: join(dir, 'hub.db') });
  const handle = await attachMonitoring(
    events$,
    store,
    { workflowName: 'bench' },
    new NullLogger(),
  );
  const start = now();
  for (const e of events) events$.next(e);
  const accepted = seconds(start);
  await handle.close();
  const elapsed = seconds(start);
  const rows = expected.tasks + expected.tries + expected.statuses + 1;
  emit({
    bench: 'monitoring_hub_sqlite_synthetic',
    n,
    events: events.length,
    rows,
    seconds: elapsed,
    accept_seconds: accepted,
    tasks_per_s: Math.round(n / elapsed),
    rows_per_s: Math.round(rows / elapsed),
  });
};

type StoreKind = 'none' | 'in-thread' | 'worker';

const kernelOverhead = async (): Promise<void> => {
  const n = 10_000;
  type Run = { run: number; total: number; cpu: number; cpuTotal: number };
  const once = async (kind: StoreKind, tasks = n): Promise<Run> => {
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
    const start = now();
    for (let i = 0; i < tasks; i += 1) void task();
    await kernel.waitForCurrentTasks();
    const run = seconds(start);
    const cpu = cpuSeconds(cpu0);
    await kernel.cleanup();
    await handle?.close();
    return { run, total: seconds(start), cpu, cpuTotal: cpuSeconds(cpu0) };
  };
  const kinds: StoreKind[] = ['none', 'worker', 'in-thread'];
  const runs = new Map<StoreKind, Run[]>(kinds.map((k) => [k, []]));
  // The order rotates each round so that no kind always runs right after another's cleanup; the
  // overhead is the median of each round's ratio to that round's baseline (the load drifts). Each
  // measured run follows an unmeasured run of the same kind: a program runs with monitoring on or
  // off throughout, while switching between the two in one process makes V8 throw away the
  // kernel's optimized code, a cost no real run pays (it measured +30-50% on the first burst).
  const rounds = quick ? 5 : 41;
  for (let r = 0; r < rounds; r += 1) {
    for (let j = 0; j < kinds.length; j += 1) {
      const k = kinds[(j + r) % kinds.length] ?? 'none';
      await once(k, 2000);
      runs.get(k)?.push(await once(k));
    }
  }
  const med = (k: StoreKind, f: keyof Run) => median((runs.get(k) ?? []).map((x) => x[f]));
  const base = runs.get('none') ?? [];
  const pairedPct = (k: StoreKind, f: keyof Run): number => {
    const ratios = (runs.get(k) ?? []).map((x, r) => x[f] / (base[r]?.[f] ?? Number.NaN));
    return Math.round((median(ratios) - 1) * 1000) / 10;
  };
  for (const k of ['worker', 'in-thread'] as const) {
    const withMon = med(k, 'run');
    emit({
      bench: 'monitoring_kernel_overhead',
      executor: 'in-process',
      store:
        k === 'worker'
          ? 'sqlite in a worker thread (storeInWorkerThread)'
          : 'sqlite on the event loop (default)',
      n,
      rounds,
      seconds: withMon,
      tasks_per_s: Math.round(n / withMon),
      baseline_seconds: med('none', 'run'),
      baseline_tasks_per_s: Math.round(n / med('none', 'run')),
      overhead_pct: pairedPct(k, 'run'),
      // CPU time of the whole process (all threads) while the tasks run, and including cleanup.
      cpu_seconds: med(k, 'cpu'),
      baseline_cpu_seconds: med('none', 'cpu'),
      cpu_overhead_pct: pairedPct(k, 'cpu'),
      cpu_overhead_including_final_flush_pct: pairedPct(k, 'cpuTotal'),
      seconds_including_final_flush: med(k, 'total'),
      baseline_seconds_including_cleanup: med('none', 'total'),
    });
  }
};

const visualizerPages = async (): Promise<void> => {
  const n = 100_000;
  const file = join(dir, 'viz.db');
  const store = new TypeOrmMonitoringStore({ url: file });
  const events$ = new Subject<MonitoringInput>();
  const handle = await attachMonitoring(
    events$,
    store,
    { workflowName: 'viz-bench' },
    new NullLogger(),
  );
  const { events } = syntheticRun(n, 'viz-100k');
  for (const e of events) events$.next(e);
  for (let t = 0; t < 20_000; t += 1) {
    const sample: Omit<ResourceRow, 'runId'> = {
      taskId: t * 5,
      tryId: 0,
      timestamp: 1_700_000_000_000 + t * 5,
      pid: 1000 + t,
      cpuPercent: 50 + (t % 50),
      timeUser: 1,
      timeSystem: 0.1,
      memoryResident: 1e7,
      memoryVirtual: 5e7,
      diskRead: 0,
      diskWrite: 0,
      childrenCount: 0,
    };
    handle.record({ type: 'resource', ...sample });
  }
  await handle.close();
  const reader = new TypeOrmMonitoringStore({ url: file });
  await reader.open();
  const server = new VisualizerServer(reader, { port: 0 });
  const base = await server.start();
  const run = encodeURIComponent('viz-100k');
  const pages: [string, string][] = [
    ['workflows', '/'],
    ['summary', `/workflow/${run}`],
    ['dag_by_app', `/workflow/${run}/dag?color=app`],
    ['dag_by_state_last_page', `/workflow/${run}/dag?color=state&offset=99700`],
    ['gantt', `/workflow/${run}/gantt`],
    ['gantt_last_page', `/workflow/${run}/gantt?offset=103700`],
    ['resources', `/workflow/${run}/resources`],
    ['tasks_failed', `/workflow/${run}/tasks?state=failed`],
    ['task', `/workflow/${run}/task/99999`],
  ];
  for (const [name, path] of pages) {
    const samples: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 4; i += 1) {
      const start = now();
      const res = await fetch(`${base}${path}`);
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
      bytes = body.length;
      if (i > 0) samples.push(seconds(start));
    }
    emit({
      bench: 'visualizer_page',
      page: name,
      n,
      seconds: median(samples),
      p50_ms: Math.round(median(samples) * 1000),
      bytes,
    });
  }
  await server.close();
  await reader.close();
};

// `--only=kernel` (store, hub, kernel, pages) runs one part.
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const parts: [string, () => Promise<void>][] = [
  ['store', storeWrites],
  ['hub', hubSynthetic],
  ['kernel', kernelOverhead],
  ['pages', visualizerPages],
];
try {
  for (const [name, part] of parts) {
    if (only === undefined || only === name) await part();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
