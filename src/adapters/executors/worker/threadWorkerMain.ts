import { parentPort, workerData } from 'node:worker_threads';
import type { ShippedFunction } from '../../../ports/Executor.js';
import { markParslWorker } from './isParslWorker.js';
import { resultProblem, ShippedTaskRunner } from './ShippedTaskRunner.js';
import { serializeThrown } from './serializeThrown.js';
import type { FromThreadMessage, ThreadWorkerData, ToThreadMessage, WireOutcome } from './wire.js';

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

interface Batch {
  readonly message: ToThreadMessage;
  readonly announce: ReadonlySet<number>;
  index: number;
  argOffset: number;
}
const batches: Batch[] = [];
let seqs: number[] = [];
let oks: number[] = [];
let values: unknown[] = [];
let busyMs = 0;
let draining = false;

const post = (extra: Pick<FromThreadMessage, 'started' | 'fatal'>): void => {
  const message: FromThreadMessage = {
    seqs: Int32Array.from(seqs),
    oks: Uint8Array.from(oks),
    values,
    busyMs,
    ...extra,
  };
  seqs = [];
  oks = [];
  values = [];
  busyMs = 0;
  try {
    port.postMessage(message);
  } catch {
    port.postMessage({
      ...message,
      values: message.values.map((value, i) => cloneChecked(message, i, value)),
    });
  }
};

const flush = (): void => {
  if (seqs.length > 0) post({});
};

/** A result that structured clone rejects becomes a serialization failure. */
const cloneChecked = (message: FromThreadMessage, index: number, value: unknown): unknown => {
  if (message.oks[index] !== 1) return value;
  try {
    structuredClone(value);
    return value;
  } catch (error: unknown) {
    (message.oks as Uint8Array)[index] = 0;
    const detail = error instanceof Error ? error.message : String(error);
    return resultProblem(`a value that cannot be cloned (${detail})`);
  }
};

const record = (outcome: WireOutcome): void => {
  seqs.push(outcome.seq);
  oks.push(outcome.ok ? 1 : 0);
  values.push(outcome.ok ? outcome.value : outcome.error);
};

const runOne = (seq: number, fnId: number, args: unknown[]): WireOutcome | Promise<WireOutcome> => {
  const ship = ships.get(fnId);
  if (ship !== undefined) return runner.run(seq, ship, args);
  return {
    seq,
    ok: false,
    error: { kind: 'unshippable', reason: `function #${fnId} was never sent (internal error)` },
  };
};

const drain = async (): Promise<void> => {
  draining = true;
  let lastFlush = performance.now();
  for (;;) {
    const batch = batches[0];
    if (batch === undefined) break;
    const { message } = batch;
    if (batch.index >= message.seqs.length) {
      batches.shift();
      continue;
    }
    const i = batch.index;
    batch.index += 1;
    const seq = message.seqs[i] as number;
    const argc = message.argc[i] as number;
    const args = message.argv.slice(batch.argOffset, batch.argOffset + argc);
    batch.argOffset += argc;
    const announce = batch.announce.has(seq);
    if (announce) post({ started: seq });
    Atomics.store(progress, 0, seq);
    Atomics.store(progress, 1, seq);
    const startedAt = performance.now();
    let outcome = runOne(seq, message.fnIds[i] as number, args);
    if (outcome instanceof Promise) {
      flush();
      outcome = await outcome;
    }
    const now = performance.now();
    busyMs += now - startedAt;
    record(outcome);
    Atomics.store(progress, 0, -1);
    if (announce || now - lastFlush > FLUSH_MS) {
      flush();
      lastFlush = now;
    }
  }
  flush();
  draining = false;
};

const NO_ANNOUNCE: ReadonlySet<number> = new Set();

port.on('message', (message: ToThreadMessage) => {
  for (const def of message.defs) ships.set(def.fnId, def.ship);
  const announce = message.announce.length === 0 ? NO_ANNOUNCE : new Set(message.announce);
  batches.push({ message, announce, index: 0, argOffset: 0 });
  if (!draining) void drain();
});

// The app ended the thread (process.exit) or threw asynchronously: report what finished first.
process.on('exit', flush);
process.on('uncaughtException', (error: unknown) => {
  post({ fatal: serializeThrown(error) });
  process.exit(1);
});
