// Memoization benchmarks (issue 3): one JSON line per measurement. Run from a build:
//   npm run build && node dist/bench/memoBench.js [--quick]
// memo_populate / memo_resubmit_identical time the Memoizer itself (executor "none"): a lookup
// that misses plus recordSuccess, then lookups that all hit (target >= 100,000 hits/s).
// memo_checkpoint_batch writes all those results as one checkpoint (stored keys, encoding, one
// write + fsync + rename): the per-record cost a 'task_exit' group commit adds.
// memo_task_exit_overhead runs 10,000 no-op tasks through a kernel with cache and task_exit
// checkpoints, against the same with cache and no checkpoints and against no cache at all
// (target: task_exit costs at most 25%). `seconds` runs until every future is done;
// `durable_seconds` until the last checkpoint is on disk too (one group commit at the end).
import { readdirSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileCheckpointStore } from '../src/adapters/checkpoint/FileCheckpointStore.js';
import {
  appIdentity,
  Memoizer,
  type MemoizerOptions,
  type MemoTask,
} from '../src/app/kernel/Memoizer.js';
import { app, load, type ParslConfigInput } from '../src/index.js';
import type { Logger } from '../src/ports/Logger.js';

const quick = process.argv.includes('--quick');
const emit = (record: Record<string, unknown>): void => console.log(JSON.stringify(record));
const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
/** CPU seconds of this process since `start`: less distorted than wall time on a shared machine. */
const cpuSeconds = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};
const clock = { now: () => Date.now() };
const logger: Logger = {
  debugEnabled: false,
  debug: () => undefined,
  info: () => undefined,
  warn: (m) => process.stderr.write(`${m}\n`),
  error: (m) => process.stderr.write(`${m}\n`),
  flush: () => undefined,
  close: () => undefined,
};

const work = (x: number, label: string, opts: { scale: number }): number =>
  x * opts.scale + label.length;
const identity = appIdentity('work', work);
const memoTask = (i: number): MemoTask => ({
  id: i,
  appName: 'work',
  appIdentity: identity,
  cache: true,
  args: [i, `item-${i}`, { scale: 3 }],
  ignoreForCache: [],
});

const memoizerOnly = async (n: number): Promise<void> => {
  const runDir = await mkdtemp(join(tmpdir(), 'memo-bench-'));
  const options: MemoizerOptions = {
    appCache: true,
    checkpointFiles: [],
    runDir,
    dedupeInFlight: false,
  };
  const memo = new Memoizer(options, new FileCheckpointStore({ runDir }, clock), [], logger, clock);
  await memo.start();
  const tasks = Array.from({ length: n }, (_, i) => memoTask(i));
  let start = process.hrtime.bigint();
  let cpu = process.cpuUsage();
  for (const t of tasks) {
    const l = memo.lookup(t);
    if (l.kind === 'miss') memo.recordSuccess(l.key, t, t.id * 3);
  }
  let elapsed = seconds(start);
  emit({
    bench: 'memo_populate',
    executor: 'none',
    n,
    seconds: elapsed,
    tasks_per_s: Math.round(n / elapsed),
    cpu_seconds: cpuSeconds(cpu),
  });
  start = process.hrtime.bigint();
  cpu = process.cpuUsage();
  let hits = 0;
  for (const t of tasks) if (memo.lookup(t).kind === 'hit') hits++;
  elapsed = seconds(start);
  if (hits !== n) throw new Error(`memo_resubmit_identical: ${hits} hits of ${n}`);
  emit({
    bench: 'memo_resubmit_identical',
    executor: 'none',
    n,
    seconds: elapsed,
    tasks_per_s: Math.round(n / elapsed),
    cpu_seconds: cpuSeconds(cpu),
  });
  start = process.hrtime.bigint();
  cpu = process.cpuUsage();
  await memo.checkpoint();
  elapsed = seconds(start);
  emit({
    bench: 'memo_checkpoint_batch',
    executor: 'none',
    n,
    seconds: elapsed,
    records_per_s: Math.round(n / elapsed),
    cpu_seconds: cpuSeconds(cpu),
  });
  await memo.close();
  rmSync(runDir, { recursive: true, force: true });
};

const noop = (i: number): number => i;

type Variant = 'uncached' | 'cached' | 'task_exit';
interface KernelRun {
  /** Until every future is done. */
  readonly seconds: number;
  /** Until every result is durable too (task_exit commits in the background). */
  readonly durableSeconds: number;
  readonly cpuSeconds: number;
  readonly files: number;
}

/** Runs n distinct no-op tasks through a fresh kernel. */
const kernelRun = async (n: number, variant: Variant): Promise<KernelRun> => {
  const runDir = await mkdtemp(join(tmpdir(), 'memo-bench-kernel-'));
  const config: ParslConfigInput = {
    runDir,
    executors: [{ kind: 'in-process', label: 'local' }],
    ...(variant === 'task_exit' ? { checkpointMode: 'task_exit' as const } : {}),
  };
  const kernel = await load(config, { global: false, signals: false });
  const task = app(noop, { kernel, cache: variant !== 'uncached' });
  await task(-1);
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const futures = new Array(n);
  for (let i = 0; i < n; i++) futures[i] = task(i);
  await kernel.waitForCurrentTasks();
  const elapsed = seconds(start);
  if (variant === 'task_exit') await kernel.checkpoint();
  const durable = seconds(start);
  const cpuUsed = cpuSeconds(cpu);
  await kernel.cleanup();
  const files = readdirSync(runDir).flatMap((d) => {
    try {
      return readdirSync(join(runDir, d, 'checkpoint'));
    } catch {
      return [];
    }
  }).length;
  rmSync(runDir, { recursive: true, force: true });
  return { seconds: elapsed, durableSeconds: durable, cpuSeconds: cpuUsed, files };
};

/** Best of `rounds` runs of each variant, interleaved so load changes hit all alike. */
const taskExitOverhead = async (n: number, rounds: number): Promise<void> => {
  for (const v of ['uncached', 'cached', 'task_exit'] as const) await kernelRun(1000, v);
  const best = new Map<Variant, KernelRun>();
  for (let round = 0; round < rounds; round++) {
    for (const v of ['uncached', 'cached', 'task_exit'] as const) {
      const run = await kernelRun(n, v);
      const current = best.get(v);
      if (current === undefined || run.seconds < current.seconds) best.set(v, run);
    }
  }
  const pct = (a: number, b: number): number => Math.round(((a - b) / b) * 1000) / 10;
  const base = best.get('uncached');
  const cached = best.get('cached');
  const exit = best.get('task_exit');
  if (base === undefined || cached === undefined || exit === undefined) return;
  const line = (bench: string, r: KernelRun, extra: Record<string, unknown> = {}): void =>
    emit({
      bench,
      executor: 'in-process',
      n,
      seconds: r.seconds,
      tasks_per_s: Math.round(n / r.seconds),
      cpu_seconds: r.cpuSeconds,
      ...extra,
    });
  line('throughput_noop_uncached', base);
  line('throughput_noop_cached_no_checkpoint', cached, {
    overhead_pct_vs_uncached: pct(cached.seconds, base.seconds),
  });
  line('memo_task_exit_overhead', exit, {
    durable_seconds: exit.durableSeconds,
    checkpoint_files: exit.files,
    overhead_pct_vs_cached: pct(exit.seconds, cached.seconds),
    overhead_pct_vs_uncached: pct(exit.seconds, base.seconds),
    durable_overhead_pct_vs_cached: pct(exit.durableSeconds, cached.seconds),
    cpu_overhead_pct_vs_cached: pct(exit.cpuSeconds, cached.cpuSeconds),
  });
};

await memoizerOnly(quick ? 20_000 : 200_000);
await taskExitOverhead(quick ? 2_000 : 10_000, quick ? 2 : 5);
