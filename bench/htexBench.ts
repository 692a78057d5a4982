// HighThroughputExecutor benchmarks (issue 4): one JSON line per measurement, each HTEX figure with
// the in-process executor's figure from the same run and the ratio. Run from a build:
//   npm run build && node dist/bench/htexBench.js [--quick]
// Uses the executor directly (no kernel) with real interchange and pool processes on 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import * as zmq from 'zeromq';
import { LocalChannel } from '../src/adapters/channels/LocalChannel.js';
import { HighThroughputExecutor } from '../src/adapters/executors/HighThroughputExecutor.js';
import {
  encodeHeader,
  frameTaskId,
  packRecords,
  ResultStatus,
  resultFrame,
  unpackRecords,
} from '../src/adapters/executors/htex/protocol.js';
import { localVersionInfo } from '../src/adapters/executors/htex/versionInfo.js';
import { InProcessExecutor } from '../src/adapters/executors/InProcessExecutor.js';
import { SingleNodeLauncher } from '../src/adapters/launchers/SingleNodeLauncher.js';
import { LocalProvider } from '../src/adapters/providers/LocalProvider.js';
import { app, load, type ParslConfigInput } from '../src/index.js';
import type { Executor, ExecutorTask } from '../src/ports/Executor.js';
import type { Logger } from '../src/ports/Logger.js';

const quick = process.argv.includes('--quick');
/** `--only=a,b`: run only the named workloads (prefix match, e.g. `--only=latency,dependency`). */
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const want = (bench: string): boolean =>
  only === undefined || only.some((prefix) => bench.startsWith(prefix));
const runDir = mkdtempSync(join(tmpdir(), 'htex-bench-'));
const emit = (record: Record<string, unknown>): void => console.log(JSON.stringify(record));
const now = (): number => performance.now();
const logger: Logger = {
  debugEnabled: false,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (m) => process.stderr.write(`${m}\n`),
  flush: () => undefined,
  close: () => undefined,
};

let nextId = 1;
const task = (
  source: string,
  fn: (...args: never[]) => unknown,
  args: unknown[] = [],
): ExecutorTask => ({
  id: nextId++,
  tryId: 0,
  appName: 'bench',
  payload: {
    kind: 'function',
    fn: fn as (...args: unknown[]) => unknown,
    ship: { kind: 'source', source },
    args,
  },
});
const noop = (): ExecutorTask => task('() => null', () => null);
const inc = (n: number): ExecutorTask => task('(n) => n + 1', (x: number) => x + 1, [n]);
const big = (data: Uint8Array): ExecutorTask =>
  task('(d) => d.length', (d: Uint8Array) => d.length, [data]);

const PREFETCH = 1024;
const htexOptions = {
  maxWorkers: 2,
  prefetchCapacity: PREFETCH,
  heartbeatPeriod: 5,
  heartbeatThreshold: 30,
};

const startHtex = async (
  label: string,
): Promise<{ htex: HighThroughputExecutor; firstResultS: number }> => {
  const start = now();
  const provider = new LocalProvider(
    { initBlocks: 1, maxBlocks: 1, walltime: '01:00:00' },
    new LocalChannel({ scriptDir: join(runDir, label, 'scripts') }),
    new SingleNodeLauncher(),
  );
  const htex = new HighThroughputExecutor({ label, provider, ...htexOptions });
  await htex.start({ runDir, logger });
  await htex.submit(noop());
  return { htex, firstResultS: (now() - start) / 1000 };
};

const throughput = async (
  executor: Executor,
  n: number,
  make: () => ExecutorTask,
): Promise<number> => {
  const start = now();
  const all: Array<Promise<unknown>> = new Array(n);
  for (let i = 0; i < n; i += 1) all[i] = executor.submit(make());
  await Promise.all(all);
  return (now() - start) / 1000;
};

const latencyP50 = async (executor: Executor, n: number): Promise<number> => {
  const samples: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const start = now();
    await executor.submit(noop());
    samples.push(now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
};

const chain = async (executor: Executor, n: number): Promise<number> => {
  const start = now();
  let value = 0;
  for (let i = 0; i < n; i += 1) value = (await executor.submit(inc(value))) as number;
  if (value !== n) throw new Error(`chain ended at ${value}`);
  return (now() - start) / 1000;
};

const compare = (
  bench: string,
  n: number,
  htexS: number,
  localS: number,
  extra: Record<string, unknown> = {},
): void => {
  emit({
    bench,
    executor: 'htex',
    n,
    seconds: htexS,
    tasks_per_s: Math.round(n / htexS),
    in_process_tasks_per_s: Math.round(n / localS),
    ratio_vs_in_process: +(localS / htexS).toFixed(3),
    ...extra,
  });
};

/** 1,000 light in-process pools on one real interchange; each answers its tasks at once. */
const simulatedPools = async (
  htex: HighThroughputExecutor,
  count: number,
): Promise<zmq.Dealer[]> => {
  const reply = serialize(null);
  const pools: zmq.Dealer[] = [];
  for (let i = 0; i < count; i += 1) {
    const id = `sim-${i}`;
    const socket = new zmq.Dealer({
      routingId: id,
      sendHighWaterMark: 0,
      receiveHighWaterMark: 0,
      linger: 0,
    });
    socket.connect(`tcp://127.0.0.1:${htex.workerPort}`);
    await socket.send(
      encodeHeader({
        t: 'register',
        info: {
          managerId: id,
          blockId: `sim-${i}`,
          workerCount: 2,
          prefetchCapacity: 8,
          hostname: 'sim',
          pid: process.pid,
          ...localVersionInfo(),
        },
      }),
    );
    pools.push(socket);
    void (async () => {
      try {
        for await (const [head, ...frames] of socket) {
          if (head?.toString() !== '{"t":"tasks"}') continue;
          await socket.send([
            encodeHeader({ t: 'results' }),
            packRecords(
              unpackRecords(frames).map((f) =>
                resultFrame(frameTaskId(f) ?? 0, ResultStatus.value, reply),
              ),
            ),
          ]);
        }
      } catch {
        // closed at the end
      }
    })();
  }
  return pools;
};

/** `load()` with an HTEX (LocalProvider, 1 block) to the first app result, vs. the in-process executor. */
const firstResultThroughKernel = async (): Promise<{ htexS: number; localS: number }> => {
  const timeIt = async (executors: NonNullable<ParslConfigInput['executors']>): Promise<number> => {
    const start = now();
    const kernel = await load({ runDir, executors }, { global: false, signals: false });
    await app(() => null, { kernel })();
    const seconds = (now() - start) / 1000;
    await kernel.cleanup();
    return seconds;
  };
  const provider = new LocalProvider(
    { initBlocks: 1, maxBlocks: 1, walltime: '01:00:00' },
    new LocalChannel({ scriptDir: join(runDir, 'kernel', 'scripts') }),
    new SingleNodeLauncher(),
  );
  const htexS = await timeIt([
    new HighThroughputExecutor({ label: 'htex_kernel', provider, ...htexOptions }),
  ]);
  const localS = await timeIt([{ kind: 'in-process', label: 'local' }]);
  return { htexS, localS };
};

const main = async (): Promise<void> => {
  const n = quick ? 10_000 : 50_000;
  const local = new InProcessExecutor({ label: 'local' });
  await local.start({ runDir, logger });

  if (want('first_result_after_load')) {
    const viaKernel = await firstResultThroughKernel();
    emit({
      bench: 'first_result_after_load',
      executor: 'htex',
      n: 1,
      seconds: viaKernel.htexS,
      p50_ms: viaKernel.htexS * 1000,
      in_process_p50_ms: viaKernel.localS * 1000,
      ratio_vs_in_process: +(viaKernel.localS / viaKernel.htexS).toFixed(4),
    });
  }
  const { htex, firstResultS } = await startHtex('htex');
  emit({
    bench: 'first_result_after_start',
    executor: 'htex',
    n: 1,
    seconds: firstResultS,
    p50_ms: firstResultS * 1000,
  });
  await throughput(htex, 2000, noop);

  if (want('throughput_noop'))
    compare(
      'throughput_noop',
      n,
      await throughput(htex, n, noop),
      await throughput(local, n, noop),
      { workers: 2, prefetch_capacity: PREFETCH },
    );

  if (want('latency_roundtrip')) await latency(htex, local);
  if (want('dependency_chain'))
    compare('dependency_chain', 1000, await chain(htex, 1000), await chain(local, 1000));

  const data = new Uint8Array(100 * 1024).fill(7);
  const bigN = quick ? 2000 : 10_000;
  if (want('throughput_100kB_args'))
    compare(
      'throughput_100kB_args',
      bigN,
      await throughput(htex, bigN, () => big(data)),
      await throughput(local, bigN, () => big(data)),
    );
  await htex.shutdown();

  if (want('interchange_1000_pools')) await manyPools(local, n);
  await local.shutdown();
  rmSync(runDir, { recursive: true, force: true });
};

const latency = async (htex: Executor, local: Executor): Promise<void> => {
  const rounds = quick ? 500 : 2000;
  const cpuBefore = process.cpuUsage();
  const htexP50 = await latencyP50(htex, rounds);
  const cpu = process.cpuUsage(cpuBefore);
  const localP50 = await latencyP50(local, rounds);
  emit({
    bench: 'latency_roundtrip',
    executor: 'htex',
    n: rounds,
    seconds: htexP50 / 1000,
    p50_ms: +htexP50.toFixed(4),
    in_process_p50_ms: +localP50.toFixed(4),
    ratio_vs_in_process: +(localP50 / htexP50).toFixed(4),
    // CPU of this (the executor's) process per round trip: less sensitive to the machine's load.
    executor_cpu_ms_per_task: +((cpu.user + cpu.system) / 1000 / rounds).toFixed(4),
    load_average_1m: +(loadavg()[0] ?? 0).toFixed(2),
  });
};

const manyPools = async (local: Executor, n: number): Promise<void> => {
  const hub = new HighThroughputExecutor({ label: 'hub', ...htexOptions });
  await hub.start({ runDir, logger });
  const pools = await simulatedPools(hub, 1000);
  while ((await hub.connectedManagers()).length < pools.length)
    await new Promise((r) => setTimeout(r, 50));
  await throughput(hub, 2000, noop);
  compare(
    'interchange_1000_pools',
    n,
    await throughput(hub, n, noop),
    await throughput(local, n, noop),
    { pools: pools.length },
  );
  for (const pool of pools) pool.close();
  await hub.shutdown();
};

await main();
process.exit(0);
