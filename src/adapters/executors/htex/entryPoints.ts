import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
  return [process.execPath, '--import', sourceLoaderUrl(), ts];
};

let loaderUrl: string | undefined;

const HOOKS = `import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const { transformSync } = await import(ROLLDOWN);
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
  if (url.startsWith('file:') && url.endsWith('.ts')) {
    const path = fileURLToPath(url);
    const out = transformSync(path, readFileSync(path, 'utf8'), { decorator: { legacy: true } });
    if (out.errors.length > 0) throw out.errors[0];
    return { format: 'module', source: out.code, shortCircuit: true };
  }
  return next(url, context);
}
`;

/** A `data:` URL for `node --import` that registers the TypeScript source loader. */
export const sourceLoaderUrl = (): string => {
  if (loaderUrl !== undefined) return loaderUrl;
  const require = createRequire(import.meta.url);
  const rolldown = pathToFileURL(
    join(dirname(require.resolve('rolldown/package.json')), 'dist', 'utils-index.mjs'),
  );
  const hooks = HOOKS.replace('ROLLDOWN', JSON.stringify(rolldown.href));
  const hooksUrl = `data:text/javascript;base64,${Buffer.from(hooks).toString('base64')}`;
  const register = `import{register}from'node:module';register(${JSON.stringify(hooksUrl)});`;
  loaderUrl = `data:text/javascript;base64,${Buffer.from(register).toString('base64')}`;
  return loaderUrl;
};
