import { type WorkerThreadEntry, workerThreadEntry } from '../../system/typeScriptSourceLoader.js';

let cached: WorkerThreadEntry | undefined;

/**
 * The thread pool's worker entry: `threadWorkerMain.js` from a build, `threadWorkerMain.ts`
 * through the source loader from TypeScript sources (see workerThreadEntry). The thread inherits
 * the parent's `execArgv`, so `--import tsx` or type stripping reach it too.
 */
export const threadWorkerEntry = (): WorkerThreadEntry => {
  cached ??= workerThreadEntry(import.meta.url, 'threadWorkerMain', 'ThreadPoolExecutor');
  return cached;
};
