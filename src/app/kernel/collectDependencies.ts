import type { SpecialArgsInput } from '../apps/special.js';
import { AppFuture } from '../futures/AppFuture.js';
import { DataFuture } from '../futures/DataFuture.js';
import { Future } from '../futures/Future.js';

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === 'object' || typeof value === 'function') &&
  value !== null &&
  typeof (value as { then?: unknown }).then === 'function';

/** A Future that follows a plain Promise (or any thenable). */
const followPromise = (promise: PromiseLike<unknown>): Future<unknown> => {
  const future = new Future<unknown>();
  promise.then(
    (value) => future.setResult(value),
    (error: unknown) => future.setException(error),
  );
  return future;
};

const NO_DEPENDENCIES: readonly Future<unknown>[] = Object.freeze([]);

const isDependency = (value: unknown): boolean => value instanceof Future || isThenable(value);

/** The Future to wait on for `value`, or undefined when it is a plain value. */
export const asDependency = (value: unknown): Future<unknown> | undefined => {
  if (value instanceof Future) return value;
  if (isThenable(value)) return followPromise(value);
  return undefined;
};

/**
 * Finds what a call waits for: futures and promises among the positional arguments, inside
 * `inputs`, and as special-argument values. Shallow, as in Parsl: a future nested deeper in an
 * object is passed as is.
 */
export const collectDependencies = (
  args: readonly unknown[],
  specialArgs: SpecialArgsInput | undefined,
): {
  dependencies: readonly Future<unknown>[];
  args: readonly unknown[];
  specialArgs: SpecialArgsInput | undefined;
} => {
  if (specialArgs === undefined && !args.some(isDependency))
    return { dependencies: NO_DEPENDENCIES, args, specialArgs };
  const dependencies: Future<unknown>[] = [];
  const track = (value: unknown): unknown => {
    const dependency = asDependency(value);
    if (dependency === undefined) return value;
    dependencies.push(dependency);
    return dependency;
  };
  const trackedArgs = args.map(track);
  if (specialArgs === undefined) return { dependencies, args: trackedArgs, specialArgs };
  const tracked = {
    ...specialArgs,
    ...(specialArgs.inputs === undefined ? {} : { inputs: specialArgs.inputs.map(track) }),
    ...(specialArgs.stdout === undefined
      ? {}
      : { stdout: track(specialArgs.stdout) as SpecialArgsInput['stdout'] }),
    ...(specialArgs.stderr === undefined
      ? {}
      : { stderr: track(specialArgs.stderr) as SpecialArgsInput['stderr'] }),
    ...(specialArgs.walltime === undefined
      ? {}
      : { walltime: track(specialArgs.walltime) as SpecialArgsInput['walltime'] }),
  } as SpecialArgsInput;
  return { dependencies, args: trackedArgs, specialArgs: tracked };
};

/** How a failed dependency is named in a DependencyError. */
export const describeDependency = (
  future: Future<unknown>,
): { description: string; taskId?: number } => {
  // Staging futures (DataManager) say what failed: the transfer, with its URL, or the producer.
  const describeFailure = (
    future as { describeFailure?: () => { description: string; taskId?: number } }
  ).describeFailure;
  if (typeof describeFailure === 'function') return describeFailure.call(future);
  if (future instanceof AppFuture)
    return { description: `task ${future.taskId}`, taskId: future.taskId };
  if (future instanceof DataFuture)
    return { description: `DataFuture from task ${future.taskId}`, taskId: future.taskId };
  return { description: 'a promise argument' };
};
