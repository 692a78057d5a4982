import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Module hooks for child processes that run TypeScript sources (tests only, no build): `.js`
// imports resolve to `.ts` siblings, `.ts` files are stripped with the oxc transformer vitest
// already ships, and the two helpers oxc emits for legacy decorators (decorate, decorateParam)
// are served from memory, because @oxc-project/runtime is not installed.
const DECORATE = `export default function decorate(decorators, target, key, desc) {
  var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
  if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
  else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
  return c > 3 && r && Object.defineProperty(target, key, r), r;
}`;
const DECORATE_PARAM = `export default function decorateParam(index, decorator) {
  return function (target, key) { decorator(target, key, index); };
}`;

const dataUrl = (code: string): string =>
  `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`;

const HOOKS = `import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const { transformSync } = await import(ROLLDOWN);
const HELPERS = { '@oxc-project/runtime/helpers/decorate': DECORATE_URL, '@oxc-project/runtime/helpers/decorateParam': DECORATE_PARAM_URL };
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
  if (url.startsWith('file:') && url.endsWith('.ts')) {
    const path = fileURLToPath(url);
    const out = transformSync(path, readFileSync(path, 'utf8'), { decorator: { legacy: true } });
    if (out.errors.length > 0) throw new Error(path + ': ' + out.errors[0].message);
    return { format: 'module', source: out.code, shortCircuit: true };
  }
  return next(url, context);
}
`;

let args: string[] | undefined;

/** Node arguments (put them before the script) that let a child process run `.ts` files. */
export const tsChildLoaderArgs = (): string[] => {
  if (args !== undefined) return args;
  const require = createRequire(import.meta.url);
  const rolldown = pathToFileURL(
    join(dirname(require.resolve('rolldown/package.json')), 'dist', 'utils-index.mjs'),
  );
  const hooks = HOOKS.replace('ROLLDOWN', JSON.stringify(rolldown.href))
    .replace('DECORATE_URL', JSON.stringify(dataUrl(DECORATE)))
    .replace('DECORATE_PARAM_URL', JSON.stringify(dataUrl(DECORATE_PARAM)));
  const register = `import{register}from'node:module';register(${JSON.stringify(dataUrl(hooks))});`;
  args = ['--import', dataUrl(register)];
  return args;
};
