const WORKER_MARK: unique symbol = Symbol.for('parsl-ts/worker');

/** Where a parsl-ts worker runs apps. */
export type ParslWorkerKind = 'thread' | 'process';

/**
 * True inside a parsl-ts worker (a ThreadPoolExecutor thread or a HighThroughputExecutor worker
 * process). A module that an app is shipped from by reference is imported by every worker, so its
 * top-level code runs there too: guard a script's main code with `if (!isParslWorker()) { … }`.
 */
export const isParslWorker = (): boolean =>
  (globalThis as Record<symbol, unknown>)[WORKER_MARK] !== undefined;

/** Marks this thread or process as a parsl-ts worker; called by worker entry points first thing. */
export const markParslWorker = (kind: ParslWorkerKind): void => {
  (globalThis as Record<symbol, unknown>)[WORKER_MARK] = kind;
};
