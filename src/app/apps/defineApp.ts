import { ConfigurationError } from '../../domain/errors/ConfigurationError.js';
import type { ShippedFunction } from '../../ports/Executor.js';
import type { AppFuture } from '../futures/AppFuture.js';
import { currentKernel } from '../kernelRegistry.js';
import type { AppDefinition, AppKernel, AppKind, AppOptions } from './AppDefinition.js';
import type { CallArgs } from './special.js';

/** A callable app: each call submits a task and returns its future at once. */
export interface App<TArgs extends readonly unknown[], TResult> {
  (...args: CallArgs<TArgs>): AppFuture<TResult>;
  /** What the kernel runs for each call. */
  readonly definition: AppDefinition;
}

// biome-ignore lint/suspicious/noExplicitAny: an app's function takes any arguments
type AnyFunction = (...args: any[]) => unknown;

/** Builds the callable for one app definition; shared by app, bashApp and joinApp. */
export const defineApp = <TArgs extends readonly unknown[], TResult>(
  kind: AppKind,
  fn: AnyFunction,
  options: AppOptions,
): App<TArgs, TResult> => {
  if (typeof fn !== 'function') {
    throw new TypeError(
      `${kind === 'python' ? 'app' : `${kind}App`}: expected a function, got ${typeof fn}`,
    );
  }
  const name = options.name ?? (fn.name || 'anonymous');
  checkWalltime(name, options.walltime);
  const definition: AppDefinition = Object.freeze({
    kind,
    name,
    fn,
    ship: shipOf(fn, options),
    executors: options.executors ?? 'all',
    cache: options.cache ?? false,
    walltime: options.walltime,
    ignoreForCache: options.ignoreForCache ?? [],
  });
  const bound: AppKernel | undefined = options.kernel;
  const call = (...args: unknown[]): unknown =>
    (bound ?? currentKernel(name)).submit(definition, args);
  Object.defineProperty(call, 'name', { value: name });
  Object.defineProperty(call, 'definition', { value: definition });
  return call as App<TArgs, TResult>;
};

const shipOf = (fn: AnyFunction, options: AppOptions): ShippedFunction => {
  if (options.module === undefined) return { kind: 'source', source: fn.toString() };
  const exportName = options.exportName ?? fn.name;
  if (exportName === '') {
    throw ConfigurationError.single(
      'app.exportName',
      'an app shipped by module reference needs a named function or the exportName option',
    );
  }
  return { kind: 'module', moduleUrl: options.module, exportName };
};

const checkWalltime = (name: string, walltime: number | undefined): void => {
  if (walltime !== undefined && !(Number.isFinite(walltime) && walltime > 0)) {
    throw ConfigurationError.single(
      `app ${name}.walltime`,
      `must be a positive number of seconds, got ${walltime}`,
    );
  }
};
