import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** How to start the store worker thread: the entry module and any extra `execArgv`. */
export interface StoreWorkerEntry {
  readonly url: URL;
  readonly execArgv: readonly string[];
}

let cached: StoreWorkerEntry | undefined;

/**
 * The store worker's entry. From a build (`dist/`) it is `storeWorkerMain.js`; from the TypeScript
 * sources (vitest) it is `storeWorkerMain.ts` loaded through a small in-memory type-stripping
 * loader (the oxc transformer vitest ships with rolldown). Same scheme as the thread-pool executor's
 * worker entry (kept separate: adapters import only from their own folder).
 */
export const storeWorkerEntry = (): StoreWorkerEntry => {
  if (cached !== undefined) return cached;
  const here = import.meta.url;
  const base = here.slice(0, here.lastIndexOf('/') + 1);
  cached = here.endsWith('.ts')
    ? {
        url: new URL(`${base}storeWorkerMain.ts`),
        execArgv: [...process.execArgv, '--import', sourceLoaderUrl()],
      }
    : { url: new URL(`${base}storeWorkerMain.js`), execArgv: process.execArgv };
  return cached;
};

const HOOKS = `import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const { transformSync } = await import(TRANSFORMER);
export async function resolve(specifier, context, next) {
  if (specifier.endsWith('.js') && context.parentURL?.startsWith('file:') && /^(\\.|\\/|file:)/.test(specifier)) {
    const url = new URL(specifier, context.parentURL);
    if (!existsSync(url)) {
      const ts = new URL(url.href.slice(0, -3) + '.ts');
      if (existsSync(ts)) return { url: ts.href, shortCircuit: true };
    }
  }
  return next(specifier, context);
}
export async function load(url, context, next) {
  if (url.startsWith('file:') && (url.endsWith('.ts') || url.endsWith('.mts')) && !url.includes('/node_modules/')) {
    const path = fileURLToPath(url);
    const out = transformSync(path, readFileSync(path, 'utf8'), { decorator: { legacy: true }, sourcemap: false });
    if (out.errors.length > 0) throw new Error(path + ': ' + out.errors.map((e) => e.message).join('; '));
    return { format: 'module', source: out.code, shortCircuit: true };
  }
  return next(url, context);
}
`;

const sourceLoaderUrl = (): string => {
  const require = createRequire(import.meta.url);
  let transformer: string;
  try {
    transformer = pathToFileURL(
      join(dirname(require.resolve('rolldown/package.json')), 'dist', 'utils-index.mjs'),
    ).href;
  } catch (error: unknown) {
    throw new Error(
      'WorkerMonitoringStore: running from TypeScript sources needs the rolldown package (installed with vitest) to load .ts files in the store worker; build with `npm run build` and run dist/ instead',
      { cause: error },
    );
  }
  const hooks = HOOKS.replace('TRANSFORMER', JSON.stringify(transformer));
  const hooksUrl = `data:text/javascript;base64,${Buffer.from(hooks).toString('base64')}`;
  const register = `import{register}from'node:module';register(${JSON.stringify(hooksUrl)});`;
  return `data:text/javascript;base64,${Buffer.from(register).toString('base64')}`;
};
