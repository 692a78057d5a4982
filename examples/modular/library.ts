// Apps kept in a library module. Exported and shipped by reference (module: import.meta.url), so
// the worker threads import this module rather than receiving the function's source.
import { isMainThread } from 'node:worker_threads';
import { app } from '../../src/index.js';

export function increment(x: number): number {
  return x + 1;
}

export const incrementApp = app(increment, { module: import.meta.url });

export const describeRun = (): string => (isMainThread ? 'main thread' : 'worker thread');
