import { parentPort, workerData } from 'node:worker_threads';
import type { ShippedFunction } from '../../../ports/Executor.js';
import { markParslWorker } from './isParslWorker.js';
import { resultProblem, ShippedTaskRunner } from './ShippedTaskRunner.js';
import { serializeThrown } from './serializeThrown.js';
import type {
  FromThreadMessage,
  ThreadWorkerData,
  ToThreadMessage,
  WireOutcome,
  WireTask,
} from './wire.js';

/*
 * Entry point of a ThreadPoolExecutor worker thread. Tasks arrive in batches and run one at a time
 * (so the pool's concurrency is its thread count). Results are batched too: flushed when the queue
 * runs dry, before awaiting an async app, every FLUSH_MS, and around announced (walltime) tasks, so
 * a thread killed for its walltime has already reported everything it finished. The shared
 * `progress` array tells the main thread which task was running if the thread dies.
 */
markParslWorker('thread');

const FLUSH_MS = 2;
const port = parentPort;
if (port === null)
  throw new Error('threadWorkerMain: must run in a worker thread (ThreadPoolExecutor starts it)');
const progress = new Int32Array((workerData as ThreadWorkerData).progress);
const runner = new ShippedTaskRunner();
const ships = new Map<number, ShippedFunction>();
let queue: WireTask[] = [];
let head = 0;
let pending: WireOutcome[] = [];
let busyMs = 0;
let draining = false;

const post = (extra: Pick<FromThreadMessage, 'started' | 'fatal'>): void => {
  const message: FromThreadMessage = { outcomes: pending, busyMs, ...extra };
  pending = [];
  busyMs = 0;
  try {
    port.postMessage(message);
  } catch {
    port.postMessage({ ...message, outcomes: message.outcomes.map(cloneChecked) });
  }
};

const flush = (): void => {
  if (pending.length > 0) post({});
};

/** An outcome whose value structured clone rejects becomes a serialization failure. */
const cloneChecked = (outcome: WireOutcome): WireOutcome => {
  if (!outcome.ok) return outcome;
  try {
    structuredClone(outcome.value);
    return outcome;
  } catch (error: unknown) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      seq: outcome.seq,
      ok: false,
      error: resultProblem(`a value that cannot be cloned (${detail})`),
    };
  }
};

const drain = async (): Promise<void> => {
  draining = true;
  let lastFlush = performance.now();
  while (head < queue.length) {
    const task = queue[head] as WireTask;
    head += 1;
    if (task.announce) post({ started: task.seq });
    Atomics.store(progress, 0, task.seq);
    Atomics.store(progress, 1, task.seq);
    const startedAt = performance.now();
    const ship = ships.get(task.fnId);
    let outcome =
      ship === undefined
        ? ({
            seq: task.seq,
            ok: false,
            error: {
              kind: 'unshippable',
              reason: `function #${task.fnId} was never defined (internal error)`,
            },
          } as const)
        : runner.run(task.seq, ship, task.args);
    if (outcome instanceof Promise) {
      flush();
      outcome = await outcome;
    }
    const now = performance.now();
    busyMs += now - startedAt;
    pending.push(outcome);
    Atomics.store(progress, 0, -1);
    if (task.announce || now - lastFlush > FLUSH_MS) {
      flush();
      lastFlush = now;
    }
    if (head > 4096 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
  }
  queue = [];
  head = 0;
  flush();
  draining = false;
};

port.on('message', (message: ToThreadMessage) => {
  for (const def of message.defs) ships.set(def.fnId, def.ship);
  for (const task of message.tasks) queue.push(task);
  if (!draining) void drain();
});

// The app ended the thread (process.exit) or threw asynchronously: report what finished first.
process.on('exit', flush);
process.on('uncaughtException', (error: unknown) => {
  post({ fatal: serializeThrown(error) });
  process.exit(1);
});
