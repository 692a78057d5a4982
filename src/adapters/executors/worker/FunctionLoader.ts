import { pathToFileURL } from 'node:url';
import type { ModuleFunctionRef, ShippedFunction } from '../../../ports/Executor.js';

/** An app function as a worker calls it. */
export type AppFunction = (...args: unknown[]) => unknown;

/** A function that cannot be made callable in the worker; `reason` is the user-facing clause. */
export class ShippingProblem extends Error {
  public constructor(public readonly reason: string) {
    super(reason);
    this.name = 'ShippingProblem';
  }
}

const NATIVE = /\{\s*\[native code\]\s*\}\s*$/;
const BY_REFERENCE_FIX =
  'Fix: export the function and create the app with app(fn, { module: import.meta.url }), or run the app on an in-process executor.';

/** True for the source text of native and bound functions, which cannot be shipped by value. */
export const isNativeSource = (source: string): boolean => NATIVE.test(source);

/** Why a native or bound function cannot be shipped. */
export const nativeFunctionReason = (source: string): string =>
  `its function is native or bound (${excerpt(source)}) and cannot be shipped to a worker by value. ` +
  'Fix: wrap the call in a function of your own, export it and create the app with ' +
  'app(fn, { module: import.meta.url }), or run the app on an in-process executor.';

/** Why a by-value function that used a free variable failed. */
export const freeVariableReason = (identifier: string): string =>
  `its function was shipped by value but references "${identifier}", which is not defined in the worker. ` +
  'Functions shipped by value must be self-contained: they may use only their parameters, their own ' +
  `locals and globals (no closures over outer variables, no imported bindings). ${BY_REFERENCE_FIX}`;

/**
 * Turns a {@link ShippedFunction} into a callable in a worker: by reference, `await import(moduleUrl)`
 * then the named export; by value, the source compiled once per distinct text (arrow functions,
 * function expressions, async functions and method shorthand like `run(x) { … }`). Results are
 * cached, so a hot function costs one map lookup per task.
 */
export class FunctionLoader {
  private readonly byShip = new WeakMap<ShippedFunction, AppFunction>();
  private readonly bySource = new Map<string, AppFunction>();
  private readonly byModule = new Map<string, Promise<AppFunction>>();

  /** The callable, synchronously when cached or shipped by value. @throws {ShippingProblem} */
  public load(ship: ShippedFunction): AppFunction | Promise<AppFunction> {
    const cached = this.byShip.get(ship);
    if (cached !== undefined) return cached;
    if (ship.kind === 'source') {
      let fn = this.bySource.get(ship.source);
      if (fn === undefined) {
        fn = compileSource(ship.source);
        this.bySource.set(ship.source, fn);
      }
      this.byShip.set(ship, fn);
      return fn;
    }
    const key = `${ship.moduleUrl}#${ship.exportName}`;
    let loading = this.byModule.get(key);
    if (loading === undefined) {
      loading = importExport(ship);
      this.byModule.set(key, loading);
    }
    return loading.then((fn) => {
      this.byShip.set(ship, fn);
      return fn;
    });
  }
}

const compileSource = (source: string): AppFunction => {
  if (isNativeSource(source)) throw new ShippingProblem(nativeFunctionReason(source));
  let compiled: unknown;
  try {
    compiled = evaluate(`return (${source}\n);`);
  } catch (first: unknown) {
    if (!(first instanceof SyntaxError)) {
      throw new ShippingProblem(`evaluating its function's source threw ${String(first)}`);
    }
    try {
      // Method shorthand (`run(x) { … }`) only parses inside an object literal.
      const holder = evaluate(`return ({${source}\n});`) as Record<PropertyKey, unknown>;
      const key = Reflect.ownKeys(holder)[0];
      compiled = key === undefined ? undefined : holder[key];
    } catch {
      throw new ShippingProblem(
        `its function's source does not compile (${first.message}): ${excerpt(source)}. ${BY_REFERENCE_FIX}`,
      );
    }
  }
  if (typeof compiled !== 'function') {
    throw new ShippingProblem(`its shipped source is not a function: ${excerpt(source)}`);
  }
  return compiled as AppFunction;
};

const evaluate = (body: string): unknown => {
  // Shipping by value means compiling the text the user's function came from; strict like ESM code.
  const factory = new Function(`'use strict';\n${body}`) as () => unknown;
  return factory();
};

const importExport = async (ship: ModuleFunctionRef): Promise<AppFunction> => {
  const url = ship.moduleUrl.startsWith('/') ? pathToFileURL(ship.moduleUrl).href : ship.moduleUrl;
  let module: Record<string, unknown>;
  try {
    module = (await import(url)) as Record<string, unknown>;
  } catch (error: unknown) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ShippingProblem(
      `the worker could not import its module ${url} (${detail}). The module reference must be the file that exports the function: app(fn, { module: import.meta.url }).`,
    );
  }
  const fn = module[ship.exportName];
  if (fn === undefined) {
    const exported = Object.keys(module).join(', ') || 'nothing';
    throw new ShippingProblem(
      `module ${url} has no export "${ship.exportName}" (it exports: ${exported}). Fix: export the function under that name (export function ${ship.exportName}(…)), or name the export in the app options.`,
    );
  }
  if (typeof fn !== 'function') {
    throw new ShippingProblem(
      `export "${ship.exportName}" of ${url} is a ${typeof fn}, not a function`,
    );
  }
  return fn as AppFunction;
};

const excerpt = (source: string): string => {
  const flat = source.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 77)}...` : flat);
};
