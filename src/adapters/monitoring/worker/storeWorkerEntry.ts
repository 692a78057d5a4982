import { sourceLoaderUrl } from '../../system/typeScriptSourceLoader.js';

/** How to start the store worker thread: the entry module and, when needed, its `execArgv`. */
export interface StoreWorkerEntry {
  readonly url: URL;
  /**
   * Undefined: the thread inherits the parent's options. An explicit list would make Node refuse
   * V8 flags the parent was started with (`node --trace-gc`: ERR_WORKER_INVALID_EXEC_ARGV).
   */
  readonly execArgv?: readonly string[];
}

let cached: StoreWorkerEntry | undefined;

/**
 * The store worker's entry. From a build (`dist/`) it is `storeWorkerMain.js`; from the TypeScript
 * sources (vitest) it is `storeWorkerMain.ts` loaded through a small in-memory type-stripping
 * loader (the oxc transformer vitest ships with rolldown). (see system/typeScriptSourceLoader).
 */
export const storeWorkerEntry = (): StoreWorkerEntry => {
  if (cached !== undefined) return cached;
  const here = import.meta.url;
  const base = here.slice(0, here.lastIndexOf('/') + 1);
  cached = here.endsWith('.ts')
    ? {
        url: new URL(`${base}storeWorkerMain.ts`),
        execArgv: [...process.execArgv, '--import', sourceLoaderUrl('WorkerMonitoringStore')],
      }
    : { url: new URL(`${base}storeWorkerMain.js`) };
  return cached;
};
