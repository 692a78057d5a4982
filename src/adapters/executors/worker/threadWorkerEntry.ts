import { sourceLoaderHooksUrl } from '../../system/typeScriptSourceLoader.js';

/** How to start a worker thread: `new Worker(filename, { eval })`. */
export interface ThreadWorkerEntry {
  readonly filename: string | URL;
  readonly eval: boolean;
}

let cached: ThreadWorkerEntry | undefined;

/**
 * The worker thread entry. From a build (`dist/`, `.js` files) it is `threadWorkerMain.js`; the
 * thread inherits the parent's `execArgv` (so `--import tsx` or type stripping reach it too; an
 * explicit `execArgv` would also reject V8 flags such as `--expose-gc`). When running from the
 * TypeScript sources (vitest, no build), the thread starts with a tiny script that registers an
 * in-memory loader, which strips types with the oxc transformer vitest ships (rolldown), then
 * imports `threadWorkerMain.ts`, so our sources and `.ts` app modules load in the worker. Without
 * rolldown (sources run by some other TypeScript loader) it relies on the inherited loader alone.
 */
export const threadWorkerEntry = (): ThreadWorkerEntry => {
  if (cached !== undefined) return cached;
  const here = import.meta.url;
  const base = here.slice(0, here.lastIndexOf('/') + 1);
  if (!here.endsWith('.ts')) {
    cached = { filename: new URL(`${base}threadWorkerMain.js`), eval: false };
    return cached;
  }
  const entry = JSON.stringify(`${base}threadWorkerMain.ts`);
  const hooks = hooksUrlIfAvailable();
  const register =
    hooks === undefined ? '' : `require('node:module').register(${JSON.stringify(hooks)});\n`;
  cached = { filename: `${register}import(${entry});`, eval: true };
  return cached;
};

const hooksUrlIfAvailable = (): string | undefined => {
  try {
    return sourceLoaderHooksUrl('ThreadPoolExecutor');
  } catch {
    return undefined;
  }
};
