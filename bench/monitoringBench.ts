// Monitoring benchmarks (issue 7): one JSON line per measurement (bench, n, seconds, rows_per_s or
// tasks_per_s, ...). Run after `npm run build` with `node dist/bench/monitoringBench.js [--quick]`.
// Targets: >= 20,000 state rows/s into SQLite; monitoring costs <= 10% of no-op throughput at
// 10,000 in-process tasks; every visualizer page answers in < 1 s for a run of 100,000 tasks.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subject } from 'rxjs';
import { NullLogger } from '../src/adapters/logging/NullLogger.js';
import { TypeOrmMonitoringStore } from '../src/adapters/monitoring/TypeOrmMonitoringStore.js';
import { VisualizerServer } from '../src/adapters/visualizer/VisualizerServer.js';
import { attachMonitoring } from '../src/app/monitoring/attachMonitoring.js';
import type { MonitoringInput } from '../src/app/monitoring/MonitoringInput.js';
import type { ResourceRow, StatusRow } from '../src/ports/MonitoringStore.js';
import type { OverheadKind, OverheadRun } from './support/overheadChild.js';
import { recordingInstructions } from './support/recordingInstructions.js';
import { syntheticRun } from './support/syntheticRun.js';

const quick = process.argv.includes('--quick');
const dir = mkdtempSync(join(tmpdir(), 'parsl-mon-bench-'));
const emit = (record: Record<string, unknown>): void => console.log(JSON.stringify(record));
const now = (): bigint => process.hrtime.bigint();
const seconds = (start: bigint): number => Number(now() - start) / 1e9;
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

const STORE_NAMES: Record<Exclude<OverheadKind, 'none'>, string> = {
  thread: 'hub and sqlite in a worker thread (storeInWorkerThread: true; the default from 4 CPUs)',
  'event-loop':
    'hub and sqlite on the event loop (storeInWorkerThread: false; the default below 4 CPUs)',
};

type Protocol = 'one-kernel' | 'steady' | 'fresh-process';
/** Unmeasured rounds, measured rounds, child mode and tasks per round of each protocol. */
const PROTOCOLS: Record<Protocol, [number, number, string, number]> = {
  'one-kernel': [3, 12, 'one-kernel', 10_000],
  steady: [1, 4, 'steady', 100_000],
  'fresh-process': [0, 1, 'fresh-kernels', 10_000],
};
const BENCH_NAMES: Record<Protocol, string> = {
  'one-kernel': 'monitoring_kernel_overhead',
  steady: 'monitoring_kernel_overhead_steady',
  'fresh-process': 'monitoring_kernel_overhead_fresh_process',
};

const option = (name: string): number =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3));
/** V8 flags for the children (`--child-flags=--single-threaded`: no JIT or GC helper threads). */
const childFlags =
  process.argv
    .find((a) => a.startsWith('--child-flags='))
    ?.slice('--child-flags='.length)
    .split(' ')
    .filter((f) => f !== '') ?? [];

/** Runs `kinds` side by side in a process of its own (bench/support/overheadChild.ts). */
const childRuns = (kinds: readonly OverheadKind[], protocol: Protocol): OverheadRun[][] => {
  const script = join(import.meta.dirname, 'support', 'overheadChild.js');
  const [warm, measured, mode] = PROTOCOLS[protocol];
  const args = [...childFlags, script, kinds.join(','), String(warm), String(measured), mode];
  const out = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`overheadChild ${kinds.join(',')}: ${out.stderr}`);
  return (JSON.parse(out.stdout) as { runs: OverheadRun[][] }).runs;
};

/**
 * The runs of each configuration, round by round: `rounds[r][k]` is configuration k's burst in
 * round r. `one-kernel`: every round is one burst of each configuration back to back in one
 * process, each configuration a copy of its own of the library (so V8 compiles each kernel as if
 * it were alone) with one kernel, in an order that rotates; processes differ in which copy is
 * loaded first (`--processes=N`, default 12). `steady`: the same with ten bursts back to back per
 * round (default 4 processes). `fresh-process`: one configuration per process, one burst each
 * (`--rounds=N`, default 11).
 */
const measureRounds = (kinds: readonly OverheadKind[], protocol: Protocol): OverheadRun[][] => {
  const rounds: OverheadRun[][] = [];
  if (protocol === 'fresh-process') {
    const n = option('rounds') > 0 ? option('rounds') : quick ? 2 : 11;
    for (let r = 0; r < n; r += 1) {
      const round: OverheadRun[] = [];
      for (let j = 0; j < kinds.length; j += 1) {
        const k = (j + r) % kinds.length;
        round[k] = childRuns([kinds[k] ?? 'none'], protocol)[0]?.[0] as OverheadRun;
      }
      rounds.push(round);
    }
    return rounds;
  }
  const processes =
    option('processes') > 0 ? option('processes') : quick ? 1 : protocol === 'steady' ? 4 : 12;
  for (let p = 0; p < processes; p += 1) {
    const order = kinds.map((_, j) => (j + p) % kinds.length);
    const runs = childRuns(
      order.map((k) => kinds[k] ?? 'none'),
      protocol,
    );
    const measured = runs[0]?.length ?? 0;
    for (let r = 0; r < measured; r += 1) {
      const round: OverheadRun[] = [];
      order.forEach((k, j) => {
        round[k] = runs[j]?.[r] as OverheadRun;
      });
      rounds.push(round);
    }
  }
  return rounds;
};

/**
 * Monitoring's cost on bursts of 10,000 no-op in-process tasks: the median, over all rounds, of
 * each burst's ratio to the same round's burst without monitoring. A second copy without
 * monitoring is measured the same way (`control_pct`): what two identical configurations differ by
 * on this machine, the figure's noise floor; `overhead_vs_both_baselines_pct` divides by the mean of
 * the two copies without monitoring instead. Protocols: `one-kernel` (the headline), bursts on one
 * long-lived kernel per configuration whose hub writes its rows between bursts; `steady`, rounds
 * of 100,000 tasks in which the hub hands over and writes rows while tasks run (a long busy run);
 * `fresh-process`, one burst per process (a short script, JIT warm-up included).
 */
const kernelOverhead = (protocol: Protocol): void => {
  const kinds: OverheadKind[] =
    protocol === 'fresh-process'
      ? ['none', 'thread', 'event-loop']
      : ['none', 'none', 'thread', 'event-loop'];
  const rounds = measureRounds(kinds, protocol);
  const of = (k: number, f: keyof OverheadRun): number[] =>
    rounds.map((round) => round[k]?.[f] ?? 0);
  const pairedPct = (k: number, f: keyof OverheadRun, base = of(0, f)): number => {
    const ratios = of(k, f).map((x, r) => x / (base[r] ?? Number.NaN));
    return Math.round((median(ratios) - 1) * 1000) / 10;
  };
  const control = kinds.indexOf('none', 1);
  // Each round's mean of the two copies without monitoring: half the luck of one copy's JIT.
  const bothBaselines = (f: keyof OverheadRun): number[] => {
    const second = of(control, f);
    return of(0, f).map((x, r) => (x + (second[r] ?? Number.NaN)) / 2);
  };
  const n = PROTOCOLS[protocol][3];
  for (const kind of ['thread', 'event-loop'] as const) {
    const k = kinds.indexOf(kind);
    const withMon = median(of(k, 'run'));
    const baseline = median(of(0, 'run'));
    emit({
      bench: BENCH_NAMES[protocol],
      executor: 'in-process',
      store: STORE_NAMES[kind],
      n,
      rounds: rounds.length,
      ...(childFlags.length > 0 ? { v8_flags: childFlags.join(' ') } : {}),
      seconds: withMon,
      tasks_per_s: Math.round(n / withMon),
      baseline_seconds: baseline,
      baseline_tasks_per_s: Math.round(n / baseline),
      overhead_pct: pairedPct(k, 'run'),
      ...(control > 0
        ? {
            control_pct: pairedPct(control, 'run'),
            overhead_vs_both_baselines_pct: pairedPct(k, 'run', bothBaselines('run')),
          }
        : {}),
      // CPU time of the whole process (all threads) while the tasks run, and including cleanup.
      cpu_seconds: median(of(k, 'cpu')),
      baseline_cpu_seconds: median(of(0, 'cpu')),
      cpu_overhead_pct: pairedPct(k, 'cpu'),
      cpu_overhead_including_final_flush_pct: pairedPct(k, 'cpuTotal'),
      seconds_including_final_flush: median(of(k, 'total')),
      // How long the kernel's event loop stood still at most while the burst's rows were written.
      event_loop_block_during_flush_ms: Math.round(median(of(k, 'settleBlockMs')) * 10) / 10,
      baseline_seconds_including_cleanup: median(of(0, 'total')),
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

// `--only=kernel` (store, hub, kernel, steady, fresh, pages) runs one part; `--processes=N` sets
// the side-by-side processes of `kernel` and `steady`, `--rounds=N` the rounds of `fresh`.
// `--only=instructions` (never run by default: it needs valgrind and ~15 minutes) counts the
// recording path's machine instructions under cachegrind (bench/support/recordingInstructions.ts).
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const parts: [string, () => Promise<void>][] = [
  ['store', storeWrites],
  ['hub', hubSynthetic],
  ['kernel', async () => kernelOverhead('one-kernel')],
  ['steady', async () => kernelOverhead('steady')],
  ['fresh', async () => kernelOverhead('fresh-process')],
  ['pages', visualizerPages],
  ['instructions', () => recordingInstructions(dir, emit)],
];
try {
  for (const [name, part] of parts) {
    if (only === name || (only === undefined && name !== 'instructions')) await part();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
