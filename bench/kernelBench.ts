// Kernel benchmarks (issue 2): one JSON line per measurement. Run with `npm run bench`.
// Figures that compare against a baseline carry `baseline_*` fields measured in the same run.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { app, bashApp, type DataFlowKernel, load, type ParslConfigInput } from '../src/index.js';

const runDir = mkdtempSync(join(tmpdir(), 'parsl-bench-'));
const emit = (record: Record<string, unknown>): void => console.log(JSON.stringify(record));
const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const inProcess: ParslConfigInput = { runDir, executors: [{ kind: 'in-process', label: 'local' }] };
const threads: ParslConfigInput = {
  runDir,
  executors: [{ kind: 'thread-pool', label: 'threads', maxThreads: 2 }],
};
const open = (config: ParslConfigInput): Promise<DataFlowKernel> =>
  load(config, { global: false, signals: false });

const noop = (): number => 0;

const startup = async (): Promise<void> => {
  const samples: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const start = process.hrtime.bigint();
    const kernel = await open(threads);
    samples.push(seconds(start) * 1000);
    await kernel.cleanup();
  }
  emit({
    bench: 'dfk_startup',
    executor: 'threads',
    n: samples.length,
    seconds: sum(samples) / 1000,
    p50_ms: median(samples),
  });
  const start = process.hrtime.bigint();
  const kernel = await open(threads);
  await app(noop, { kernel })();
  emit({
    bench: 'first_result_after_load',
    executor: 'threads',
    n: 1,
    seconds: seconds(start),
    p50_ms: seconds(start) * 1000,
  });
  await kernel.cleanup();
};

const throughput = async (label: string, config: ParslConfigInput, n: number): Promise<void> => {
  const kernel = await open(config);
  const task = app(noop, { kernel });
  await task();
  const start = process.hrtime.bigint();
  const futures = new Array(n);
  for (let i = 0; i < n; i += 1) futures[i] = task();
  await kernel.waitForCurrentTasks();
  const elapsed = seconds(start);
  const baselineStart = process.hrtime.bigint();
  await Promise.all(Array.from({ length: n }, () => Promise.resolve().then(noop)));
  emit({
    bench: 'throughput_noop',
    executor: label,
    n,
    seconds: elapsed,
    tasks_per_s: Math.round(n / elapsed),
    baseline_plain_promises_s: seconds(baselineStart),
  });
  await kernel.cleanup();
};

const latency = async (label: string, config: ParslConfigInput, n: number): Promise<void> => {
  const kernel = await open(config);
  const task = app(noop, { kernel });
  const samples: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const start = process.hrtime.bigint();
    await task();
    samples.push(seconds(start) * 1000);
  }
  emit({
    bench: 'latency_roundtrip',
    executor: label,
    n,
    seconds: sum(samples) / 1000,
    p50_ms: median(samples),
    p99_ms: percentile(samples, 0.99),
  });
  await kernel.cleanup();
};

const chain = async (label: string, config: ParslConfigInput, n: number): Promise<void> => {
  const kernel = await open(config);
  const inc = app((x: number) => x + 1, { kernel });
  const start = process.hrtime.bigint();
  let future = inc(0);
  for (let i = 1; i < n; i += 1) future = inc(future);
  const value = await future;
  const elapsed = seconds(start);
  if (value !== n) throw new Error(`chain gave ${value}, expected ${n}`);
  emit({
    bench: 'dependency_chain',
    executor: label,
    n,
    seconds: elapsed,
    tasks_per_s: Math.round(n / elapsed),
  });
  await kernel.cleanup();
};

const fanOutIn = async (label: string, config: ParslConfigInput, n: number): Promise<void> => {
  const kernel = await open(config);
  const leaf = app((x: number) => x, { kernel });
  const total = app((...xs: number[]) => xs.reduce((a, b) => a + b, 0), { kernel });
  const start = process.hrtime.bigint();
  const value = await total(...Array.from({ length: n }, (_, i) => leaf(i)));
  const elapsed = seconds(start);
  if (value !== (n * (n - 1)) / 2) throw new Error('fan-in sum is wrong');
  emit({
    bench: 'fanout_fanin',
    executor: label,
    n: n + 1,
    seconds: elapsed,
    tasks_per_s: Math.round((n + 1) / elapsed),
  });
  await kernel.cleanup();
};

const bashTrue = async (n: number): Promise<void> => {
  const spawnTrue = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = spawn('/bin/bash', ['-c', 'true'], { stdio: 'ignore', detached: true });
      child.once('exit', () => resolve());
      child.once('error', reject);
    });
  const runBaseline = async (): Promise<number> => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i += 2) await Promise.all([spawnTrue(), spawnTrue()]);
    return seconds(start);
  };
  const kernel = await open({
    runDir,
    executors: [{ kind: 'in-process', label: 'local', maxConcurrency: 2 }],
  });
  const bashNoop = bashApp(() => 'true', { kernel });
  const baseline1 = await runBaseline();
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: n }, () => bashNoop()));
  const elapsed = seconds(start);
  const baseline2 = await runBaseline();
  const baseline = Math.min(baseline1, baseline2);
  emit({
    bench: 'bash_true',
    executor: 'local',
    n,
    seconds: elapsed,
    tasks_per_s: Math.round(n / elapsed),
    baseline_spawn_bash_true_s: baseline,
    ratio_vs_baseline: elapsed / baseline,
  });
  await kernel.cleanup();
};

const memory = async (n: number): Promise<void> => {
  const kernel = await open({ ...inProcess, initializeLogging: false });
  const task = app(noop, { kernel });
  const batch = 10_000;
  let afterFirst = 0;
  const start = process.hrtime.bigint();
  for (let done = 0; done < n; done += batch) {
    for (let i = 0; i < batch; i += 1) task();
    await kernel.waitForCurrentTasks();
    if (done === 0) {
      gc();
      afterFirst = process.memoryUsage().heapUsed;
    }
  }
  gc();
  const afterAll = process.memoryUsage().heapUsed;
  emit({
    bench: 'heap_after_tasks',
    executor: 'local',
    n,
    seconds: seconds(start),
    heap_after_10k_mb: afterFirst / 2 ** 20,
    heap_after_all_mb: afterAll / 2 ** 20,
    growth_mb: (afterAll - afterFirst) / 2 ** 20,
  });
  await kernel.cleanup();
};

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const percentile = (xs: readonly number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
};
const median = (xs: readonly number[]): number => percentile(xs, 0.5);

const big = process.argv.includes('--quick') ? 1 : 10;
await startup();
await throughput('local', inProcess, 10_000 * big);
await throughput('threads', threads, 5_000 * big);
await latency('local', inProcess, 2_000);
await latency('threads', threads, 2_000);
await chain('local', inProcess, 10_000);
await chain('threads', threads, 1_000);
await fanOutIn('local', inProcess, 1_000);
await fanOutIn('threads', threads, 1_000);
await bashTrue(200 * Math.min(big, 5));
await memory(100_000 * big);
