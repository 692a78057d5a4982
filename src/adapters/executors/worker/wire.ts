import type { ShippedFunction } from '../../../ports/Executor.js';

/** The built-in error classes that are rebuilt as themselves on the receiving side. */
export const BUILTIN_ERROR_NAMES = [
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'ReferenceError',
  'EvalError',
  'URIError',
] as const;
export type BuiltinErrorName = (typeof BUILTIN_ERROR_NAMES)[number];

/** An error thrown by an app (or its function's loading), in a form structured clone can carry. */
export interface SerializedThrown {
  readonly kind: 'thrown';
  /** The remote class name (`MyError`, `TypeError`, …). */
  readonly name: string;
  /** Set when the error is exactly one of the built-in classes. */
  readonly builtin: BuiltinErrorName | null;
  readonly message: string;
  readonly stack?: string;
  /** The code of a ParslError thrown remotely. */
  readonly parslCode?: string;
  /** Own enumerable properties (cloneable ones as is, the rest as strings). */
  readonly props: Readonly<Record<string, unknown>>;
  readonly cause?: SerializedThrown;
}

/** Why a task failed on the worker side. `reason`s start with a lower-case clause and name no app. */
export type SerializedError =
  | SerializedThrown
  | { readonly kind: 'unshippable'; readonly reason: string }
  | { readonly kind: 'serialization'; readonly reason: string };

/** The result of one task as a worker reports it; `value` is codec-encoded. */
export type WireOutcome =
  | { readonly seq: number; readonly ok: true; readonly value: unknown }
  | { readonly seq: number; readonly ok: false; readonly error: SerializedError };

/** A function definition, sent once per worker before the first task that uses it. */
export interface FunctionDef {
  readonly fnId: number;
  readonly ship: ShippedFunction;
}

/**
 * Main thread to worker thread: a batch of tasks in flat form (typed arrays clone as one copy, so a
 * batch of thousands costs little more than one task). Task `i` has `seqs[i]`, `fnIds[i]` and the
 * next `argc[i]` entries of `argv` (codec-encoded).
 */
export interface ToThreadMessage {
  readonly defs: readonly FunctionDef[];
  readonly seqs: Int32Array;
  readonly fnIds: Int32Array;
  readonly argc: Int32Array;
  readonly argv: readonly unknown[];
  /** Seqs of tasks whose start must be reported (they have a walltime to enforce). */
  readonly announce: readonly number[];
}

/**
 * Worker thread to main thread: finished tasks in flat form (`values[i]` is the encoded result
 * when `oks[i]` is 1, else a {@link SerializedError}), plus a start notice or a fatal error.
 */
export interface FromThreadMessage {
  readonly seqs: Int32Array;
  readonly oks: Uint8Array;
  readonly values: readonly unknown[];
  /** Wall time spent running these tasks, in ms (drives batch sizes). */
  readonly busyMs: number;
  /** `seq` of an announced task that starts now. */
  readonly started?: number;
  /** An uncaught error is about to end the thread. */
  readonly fatal?: SerializedError;
}

/** What the main thread shares with a worker thread at spawn (`workerData`). */
export interface ThreadWorkerData {
  /** Int32Array[2]: seq of the running task (-1 when idle), seq of the last task started. */
  readonly progress: SharedArrayBuffer;
}
