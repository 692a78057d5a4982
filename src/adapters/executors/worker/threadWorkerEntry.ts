import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

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

const hooksUrlIfAvailable = (): string | undefined => {
  try {
    return hooksUrl();
  } catch {
    return undefined;
  }
};

/** A `data:` URL of the loader hooks module (for `module.register`). */
const hooksUrl = (): string => {
  const require = createRequire(import.meta.url);
  let transformer: string;
  try {
    transformer = pathToFileURL(
      join(dirname(require.resolve('rolldown/package.json')), 'dist', 'utils-index.mjs'),
    ).href;
  } catch (error: unknown) {
    throw new Error(
      'ThreadPoolExecutor: running from TypeScript sources needs the rolldown package (installed with vitest) to load .ts files in worker threads; build with `npm run build` and run dist/ instead',
      { cause: error },
    );
  }
  const hooks = HOOKS.replace('TRANSFORMER', JSON.stringify(transformer));
  return `data:text/javascript;base64,${Buffer.from(hooks).toString('base64')}`;
};

/** A `data:` URL for `node --import` that registers the TypeScript source loader (dev and tests only). */
export const sourceLoaderUrl = (): string => {
  const register = `import{register}from'node:module';register(${JSON.stringify(hooksUrl())});`;
  return `data:text/javascript;base64,${Buffer.from(register).toString('base64')}`;
};
