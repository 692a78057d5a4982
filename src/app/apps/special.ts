import type { File } from '../../domain/staging/File.js';
import type { Special, StdStream } from '../../domain/task/Special.js';
import type { DataFuture } from '../futures/DataFuture.js';

/** A value, or a future / promise of it: what an app accepts in place of each argument. */
export type FutureOr<T> = T | PromiseLike<T>;

/** The special arguments of one app call, as the caller writes them. Parsl: the special kwargs. */
export interface SpecialArgsInput<TInput = unknown> {
  /** Values, Files, DataFutures or futures the app waits for; it receives them resolved. */
  readonly inputs?: readonly FutureOr<TInput | File | DataFuture>[];
  /** Files the app will produce; the call's future gets a DataFuture for each. */
  readonly outputs?: readonly (string | File)[];
  /** A path, `[path, 'w' | 'a']`, or AUTO_LOGNAME (bash apps). */
  readonly stdout?: FutureOr<StdStream>;
  readonly stderr?: FutureOr<StdStream>;
  /** Seconds before the task fails with AppTimeout; overrides the app's walltime. */
  readonly walltime?: FutureOr<number>;
  /** Appended to AUTO_LOGNAME file names. */
  readonly label?: string;
}

const IS_SPECIAL: unique symbol = Symbol.for('parsl-ts/SpecialArgs');

/** The branded holder made by {@link special}; the kernel recognises it as the last argument. */
export class SpecialArgs<TInput = unknown> {
  public readonly [IS_SPECIAL] = true as const;
  public constructor(public readonly value: SpecialArgsInput<TInput>) {}

  public static is(value: unknown): value is SpecialArgs {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[IS_SPECIAL] === true
    );
  }
}

/**
 * Wraps Parsl's special arguments for one call. Pass it as the LAST argument where the app's
 * function declares a `Special` parameter:
 * ```ts
 * const cat = bashApp((s: Special) => `cat ${s.inputs.join(' ')} > ${s.outputs[0]}`);
 * const f = cat(special({ inputs: ['a.txt', 'b.txt'], outputs: ['all.txt'], stdout: AUTO_LOGNAME }));
 * ```
 */
export const special = <TInput = unknown>(args: SpecialArgsInput<TInput>): SpecialArgs<TInput> =>
  new SpecialArgs(args);

/** What the caller passes for each declared parameter: futures for values, SpecialArgs for Special. */
export type CallArgs<TArgs extends readonly unknown[]> = {
  [K in keyof TArgs]: [TArgs[K]] extends [Special<infer TInput>]
    ? SpecialArgs<TInput>
    : [TArgs[K]] extends [Special<infer TInput> | undefined]
      ? SpecialArgs<TInput> | undefined
      : FutureOr<TArgs[K]>;
};
