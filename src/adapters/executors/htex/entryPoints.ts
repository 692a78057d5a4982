import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceLoaderUrl } from '../../system/typeScriptSourceLoader.js';

/** The HTEX process entry points that live next to this file. */
export type HtexEntry = 'interchangeMain' | 'workerPoolMain' | 'workerMain';

/**
 * The argv (node binary first) that starts an HTEX entry point. From a build (`dist/`) it is
 * `node <entry>.js`. When running from TypeScript sources (vitest, no build), the entry is the
 * `.ts` file and node gets `--import` of a tiny in-memory loader that strips types with the oxc
 * transformer that vitest already ships (rolldown); no build step or extra package is needed.
 */
export const entryCommand = (entry: HtexEntry): string[] => {
  const here = dirname(fileURLToPath(import.meta.url));
  const js = join(here, `${entry}.js`);
  if (existsSync(js)) return [process.execPath, js];
  const ts = join(here, `${entry}.ts`);
  if (!existsSync(ts))
    throw new Error(`HTEX: cannot find the ${entry} entry point next to ${here}`);
  return [process.execPath, '--import', sourceLoaderUrl('HighThroughputExecutor'), ts];
};
