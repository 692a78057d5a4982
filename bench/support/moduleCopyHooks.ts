// Module-resolution hooks (node:module `register`) that give one process independent copies of
// the library: a module imported as `.../src/x.js?copy=a` resolves every import under the same
// source root with `?copy=a` too, so each copy has its own classes and functions, and V8 compiles
// and optimizes each copy's code on its own. The monitoring-overhead bench runs a kernel without
// monitoring and one with it side by side this way, burst after burst, without either
// configuration's compiled code seeing the other's.

interface HookData {
  /** URL of the source root whose modules are copied (`file:///.../dist/src/`). */
  readonly root: string;
}

interface Resolved {
  readonly url: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<Resolved>;
interface ResolveContext {
  readonly parentURL?: string;
}

let root = '';

export const initialize = (data: HookData): void => {
  root = data.root;
};

const COPY = /[?&]copy=([^&#]+)/;

export const resolve = async (
  specifier: string,
  context: ResolveContext,
  next: NextResolve,
): Promise<Resolved> => {
  const resolved = await next(specifier, context);
  const copy = context.parentURL === undefined ? null : COPY.exec(context.parentURL);
  if (copy === null || !resolved.url.startsWith(root) || COPY.test(resolved.url)) return resolved;
  const separator = resolved.url.includes('?') ? '&' : '?';
  return { ...resolved, url: `${resolved.url}${separator}copy=${copy[1]}` };
};
