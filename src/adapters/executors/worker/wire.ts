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

/** One task sent to a worker thread. `args` are codec-encoded. */
export interface WireTask {
  readonly seq: number;
  readonly fnId: number;
  readonly args: readonly unknown[];
  /** Report the start (flushing earlier results first): the task has a walltime to enforce. */
  readonly announce: boolean;
}

/** A function definition, sent once per worker before the first task that uses it. */
export interface FunctionDef {
  readonly fnId: number;
  readonly ship: ShippedFunction;
}

/** Main thread to worker thread. */
export interface ToThreadMessage {
  readonly defs: readonly FunctionDef[];
  readonly tasks: readonly WireTask[];
}

/** Worker thread to main thread: finished tasks, plus a start notice or a fatal error. */
export interface FromThreadMessage {
  readonly outcomes: readonly WireOutcome[];
  /** Wall time spent running the tasks in `outcomes`, in ms (drives batch sizes). */
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
