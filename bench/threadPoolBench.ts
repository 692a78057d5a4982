import { InProcessExecutor } from '../src/adapters/executors/InProcessExecutor.js';
import { ThreadPoolExecutor } from '../src/adapters/executors/ThreadPoolExecutor.js';
import { isParslWorker } from '../src/adapters/executors/worker/isParslWorker.js';
import type { Executor, ExecutorContext, ExecutorTask } from '../src/ports/Executor.js';

/*
 * No-op throughput of the ThreadPoolExecutor alone (2 threads), next to the InProcessExecutor in the
 * same run. Prints one JSON line per measurement. Run from a build:
 *   npx tsc -p tsconfig.build.json && node dist/bench/threadPoolBench.js [tasks]
 */

/** The no-op app, shipped by reference: worker threads import this module (see the guard below). */
export function noop(x: number): number {
  return x;
}

const silent = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  debugEnabled: false,
  flush() {},
  close() {},
};
const context: ExecutorContext = { runDir: '/tmp', logger: silent };

const byValue = (x: number): number => x;

const task = (id: number, ship: 'module' | 'source'): ExecutorTask => ({
  id,
  tryId: 0,
  appName: 'noop',
  payload: {
    kind: 'function',
    fn: ship === 'module' ? noop : byValue,
    ship:
      ship === 'module'
        ? { kind: 'module', moduleUrl: import.meta.url, exportName: 'noop' }
        : { kind: 'source', source: byValue.toString() },
    args: [id],
  },
});

const measure = async (
  executor: Executor,
  name: string,
  n: number,
  ship: 'module' | 'source',
): Promise<number> => {
  await executor.start(context);
  await Promise.all(Array.from({ length: 1000 }, (_, i) => executor.submit(task(i, ship)))); // warm-up
  const started = performance.now();
  const results: Array<Promise<unknown>> = new Array(n);
  for (let i = 0; i < n; i += 1) results[i] = executor.submit(task(i, ship));
  await Promise.all(results);
  const seconds = (performance.now() - started) / 1000;
  await executor.shutdown();
  const tasksPerS = Math.round(n / seconds);
  console.log(
    JSON.stringify({
      bench: 'throughput_noop',
      executor: name,
      ship,
      n,
      seconds,
      tasks_per_s: tasksPerS,
    }),
  );
  return tasksPerS;
};

const main = async (): Promise<void> => {
  const n = Number(process.argv[2] ?? 100_000);
  const inProcess = await measure(
    new InProcessExecutor({ label: 'local' }),
    'in-process',
    n,
    'source',
  );
  const byRef = await measure(new ThreadPoolExecutor({ maxThreads: 2 }), 'threads-2', n, 'module');
  const byVal = await measure(new ThreadPoolExecutor({ maxThreads: 2 }), 'threads-2', n, 'source');
  console.log(
    JSON.stringify({
      bench: 'throughput_noop_ratio',
      executor: 'threads-2 / in-process',
      by_reference: Number((byRef / inProcess).toFixed(3)),
      by_value: Number((byVal / inProcess).toFixed(3)),
    }),
  );
};

if (!isParslWorker()) await main();
