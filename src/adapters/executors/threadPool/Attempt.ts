import type { BashPayload, ExecutorTask, ShippedFunction } from '../../../ports/Executor.js';

/** A submitted attempt waiting for its outcome. */
interface AttemptBase {
  readonly task: ExecutorTask;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** A function app attempt, run by a worker thread. */
export interface FunctionAttempt extends AttemptBase {
  readonly kind: 'function';
  readonly fnId: number;
  readonly ship: ShippedFunction;
  /** Codec-encoded arguments. */
  readonly args: readonly unknown[];
  /** Set by the worker it is assigned to. */
  seq: number;
  /** The walltime timer, armed when the worker announces the start. */
  timer: NodeJS.Timeout | undefined;
}

/** A bash app attempt, run on the main thread by a BashRunner. */
export interface BashAttempt extends AttemptBase {
  readonly kind: 'bash';
  readonly payload: BashPayload;
}

export type Attempt = FunctionAttempt | BashAttempt;
