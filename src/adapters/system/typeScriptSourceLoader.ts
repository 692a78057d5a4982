import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const toDataUrl = (source: string): string =>
  `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`;

// The two helpers oxc emits imports of for legacy decorators (inversify's @injectable, @inject),
// served from memory because @oxc-project/runtime is not installed.
const DECORATE = `export default function decorate(decorators, target, key, desc) {
  var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
  if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
  else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
  return c > 3 && r && Object.defineProperty(target, key, r), r;
}`;
const DECORATE_PARAM = `export default function decorateParam(index, decorator) {
  return function (target, key) { decorator(target, key, index); };
}`;

/**
 * Module hooks that let a thread or process started from TypeScript sources (vitest, no build)
 * import `.ts` files: `.js` specifiers fall back to the `.ts` file beside them, `.ts` files
 * outside node_modules are stripped of types by the oxc transformer that vitest already ships
 * (rolldown), and oxc's decorator helpers come from memory. Builds (`dist/`) never need them.
 */
const HOOKS = `import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const { transformSync } = await import(TRANSFORMER);
const HELPERS = { '@oxc-project/runtime/helpers/decorate': ${JSON.stringify(toDataUrl(DECORATE))}, '@oxc-project/runtime/helpers/decorateParam': ${JSON.stringify(toDataUrl(DECORATE_PARAM))} };
export async function resolve(specifier, context, next) {
  if (HELPERS[specifier] !== undefined) return { url: HELPERS[specifier], shortCircuit: true };
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

let hooks: string | undefined;

/**
 * A `data:` URL of the hooks module, for `module.register()`.
 * @param who names the component in the error, e.g. 'ThreadPoolExecutor'
 * @throws {Error} when the rolldown package (installed with vitest) is missing
 */
export const sourceLoaderHooksUrl = (who: string): string => {
  if (hooks !== undefined) return hooks;
  const require = createRequire(import.meta.url);
  let transformer: string;
  try {
    transformer = pathToFileURL(
      join(dirname(require.resolve('rolldown/package.json')), 'dist', 'utils-index.mjs'),
    ).href;
  } catch (error: unknown) {
    throw new Error(
      `${who}: running from TypeScript sources needs the rolldown package (installed with vitest) to load .ts files in another thread or process; build with \`npm run build\` and run dist/ instead`,
      { cause: error },
    );
  }
  hooks = toDataUrl(HOOKS.replace('TRANSFORMER', JSON.stringify(transformer)));
  return hooks;
};

/**
 * A `data:` URL for `node --import` (or a worker's execArgv) that registers the hooks.
 * @throws {Error} when the rolldown package is missing (see sourceLoaderHooksUrl)
 */
export const sourceLoaderUrl = (who: string): string =>
  toDataUrl(
    `import{register}from'node:module';register(${JSON.stringify(sourceLoaderHooksUrl(who))});`,
  );

/** How to start a worker thread on one of our modules: `new Worker(filename, { eval })`. */
export interface WorkerThreadEntry {
  readonly filename: string | URL;
  readonly eval: boolean;
}

/**
 * The worker thread entry for the module `<name>` beside `moduleUrl` (pass `import.meta.url`).
 * From a build (`dist/`) it is `<name>.js`, and the thread inherits the parent's options (an
 * explicit `execArgv` would make Node refuse V8 flags such as `--expose-gc` or `--trace-gc`). From
 * TypeScript sources (vitest, no build) it is a tiny script that registers these hooks, then
 * imports `<name>.ts`; without rolldown it relies on the loader the thread inherits.
 */
export const workerThreadEntry = (
  moduleUrl: string,
  name: string,
  who: string,
): WorkerThreadEntry => {
  const base = moduleUrl.slice(0, moduleUrl.lastIndexOf('/') + 1);
  if (!moduleUrl.endsWith('.ts')) return { filename: new URL(`${base}${name}.js`), eval: false };
  let register = '';
  try {
    register = `require('node:module').register(${JSON.stringify(sourceLoaderHooksUrl(who))});\n`;
  } catch {
    // no rolldown: sources run by some other TypeScript loader, which the thread inherits
  }
  return { filename: `${register}import(${JSON.stringify(`${base}${name}.ts`)});`, eval: true };
};
