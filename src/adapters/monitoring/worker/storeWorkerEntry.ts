import { type WorkerThreadEntry, workerThreadEntry } from '../../system/typeScriptSourceLoader.js';

let cached: WorkerThreadEntry | undefined;

/**
 * The store worker's entry: `storeWorkerMain.js` from a build, `storeWorkerMain.ts` through the
 * source loader from TypeScript sources (see workerThreadEntry). The thread inherits the parent's
 * options, so V8 flags such as `--trace-gc` do not stop it from starting.
 */
export const storeWorkerEntry = (): WorkerThreadEntry => {
  cached ??= workerThreadEntry(import.meta.url, 'storeWorkerMain', 'WorkerMonitoringStore');
  return cached;
};
