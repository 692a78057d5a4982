// Memoization benchmarks (issue 3): one JSON line per measurement. Run from a build:
//   npm run build && node dist/bench/memoBench.js [--quick]
// memo_populate / memo_resubmit_identical time the Memoizer itself (executor "none"): a lookup
// that misses plus recordSuccess, then lookups that all hit (target >= 100,000 hits/s).
// memo_task_exit_overhead runs no-op tasks through a kernel, cached with task_exit checkpoints
// against uncached with no checkpoints (target: at most 25% slower at 10,000 tasks).
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
  await memo.close();
  rmSync(runDir, { recursive: true, force: true });
};

const noop = (i: number): number => i;

/** Runs n distinct no-op tasks through a fresh kernel; returns seconds and the checkpoint files. */
const kernelRun = async (
  n: number,
  cached: boolean,
): Promise<{ seconds: number; files: number }> => {
  const runDir = await mkdtemp(join(tmpdir(), 'memo-bench-kernel-'));
  const config: ParslConfigInput = {
    runDir,
    executors: [{ kind: 'in-process', label: 'local' }],
    ...(cached ? { checkpointMode: 'task_exit' as const } : {}),
  };
  const kernel = await load(config, { global: false, signals: false });
  const task = app(noop, { kernel, cache: cached });
  await task(-1);
  const start = process.hrtime.bigint();
  const futures = new Array(n);
  for (let i = 0; i < n; i++) futures[i] = task(i);
  await kernel.waitForCurrentTasks();
  const elapsed = seconds(start);
  await kernel.cleanup();
  const checkpointDir = readdirSync(runDir).map((d) => join(runDir, d, 'checkpoint'));
  const files = checkpointDir.flatMap((d) => {
    try {
      return readdirSync(d);
    } catch {
      return [];
    }
  }).length;
  rmSync(runDir, { recursive: true, force: true });
  return { seconds: elapsed, files };
};

const taskExitOverhead = async (n: number): Promise<void> => {
  await kernelRun(1000, false);
  await kernelRun(1000, true);
  const base: number[] = [];
  const cached: number[] = [];
  let files = 0;
  for (let round = 0; round < 3; round++) {
    base.push((await kernelRun(n, false)).seconds);
    const run = await kernelRun(n, true);
    cached.push(run.seconds);
    files = run.files;
  }
  const b = Math.min(...base);
  const c = Math.min(...cached);
  emit({
    bench: 'throughput_noop_uncached',
    executor: 'in-process',
    n,
    seconds: b,
    tasks_per_s: Math.round(n / b),
  });
  emit({
    bench: 'memo_task_exit_overhead',
    executor: 'in-process',
    n,
    seconds: c,
    tasks_per_s: Math.round(n / c),
    baseline_seconds: b,
    overhead_pct: Math.round(((c - b) / b) * 1000) / 10,
    checkpoint_files: files,
  });
};

await memoizerOnly(quick ? 20_000 : 200_000);
await taskExitOverhead(quick ? 2_000 : 10_000);
