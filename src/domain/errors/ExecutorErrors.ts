import { ParslError } from './ParslError.js';
import type { ParslErrorCode } from './ParslErrorCode.js';

/** Base for executor errors; names the executor. Parsl: parsl.executors.errors.ExecutorError */
export class ExecutorError extends ParslError {
  public constructor(
    public readonly executor: string,
    reason: string,
    options?: ErrorOptions & { code?: ParslErrorCode },
  ) {
    super(options?.code ?? 'EXECUTOR_ERROR', `executor ${executor}: ${reason}`, options);
  }
}

/** Scaling failed in the execution provider. Parsl: parsl.executors.errors.ScalingFailed */
export class ScalingFailed extends ExecutorError {
  public constructor(executor: string, reason: string, options?: ErrorOptions) {
    super(executor, `scaling failed: ${reason}`, { ...options, code: 'EXECUTOR_SCALING_FAILED' });
  }
}

/** The executor is unusable (e.g. every block failed); its tasks fail with this. */
export class BadStateError extends ExecutorError {
  public constructor(executor: string, reason: string, options?: ErrorOptions) {
    super(executor, `in a bad state: ${reason}`, { ...options, code: 'EXECUTOR_BAD_STATE' });
  }
}

/** An argument or a result could not be sent to or from a worker. */
export class SerializationError extends ExecutorError {
  public constructor(executor: string, reason: string, options?: ErrorOptions) {
    super(executor, reason, { ...options, code: 'EXECUTOR_SERIALIZATION_FAILED' });
  }
}

/** An app's function cannot be shipped to a worker (closure, native or bound function). */
export class UnshippableFunctionError extends ExecutorError {
  public constructor(executor: string, reason: string, options?: ErrorOptions) {
    super(executor, reason, { ...options, code: 'EXECUTOR_UNSHIPPABLE_FUNCTION' });
  }
}

/** A worker died while running a task. Parsl: parsl.executors.high_throughput.errors.WorkerLost */
export class WorkerLost extends ExecutorError {
  public constructor(
    executor: string,
    public readonly workerId: string,
    public readonly hostname: string,
    options?: ErrorOptions & { readonly reason?: string },
  ) {
    const why = options?.reason === undefined ? '' : ` (${options.reason})`;
    super(executor, `worker ${workerId} on ${hostname} was lost while running a task${why}`, {
      ...(options?.cause === undefined ? {} : { cause: options.cause }),
      code: 'EXECUTOR_WORKER_LOST',
    });
  }
}

/** A worker pool stopped heartbeating. Parsl: ManagerLost */
export class ManagerLost extends ExecutorError {
  public constructor(
    executor: string,
    public readonly managerId: string,
    public readonly hostname: string,
  ) {
    super(
      executor,
      `worker pool ${managerId} on ${hostname} stopped heartbeating; its tasks were lost`,
      {
        code: 'EXECUTOR_MANAGER_LOST',
      },
    );
  }
}

/** A mangled or unsupported message. Parsl: parsl.executors.errors.BadMessage */
export class BadMessage extends ExecutorError {
  public constructor(executor: string, reason: string) {
    super(executor, `bad message: ${reason}`, { code: 'EXECUTOR_BAD_MESSAGE' });
  }
}

/** Two sides of an executor link run different versions. */
export class VersionMismatchError extends ExecutorError {
  public constructor(executor: string, reason: string) {
    super(executor, `version mismatch: ${reason}`, { code: 'EXECUTOR_VERSION_MISMATCH' });
  }
}
