import { ParslError } from './ParslError.js';

/** An app asked for an executor label that is not configured. */
export class UnknownExecutorError extends ParslError {
  public constructor(appName: string, unknown: readonly string[], known: readonly string[]) {
    super(
      'TASK_UNKNOWN_EXECUTOR',
      `app ${appName}: unknown executor label(s) ${unknown.map((l) => `"${l}"`).join(', ')}. Configured executors: ${known.map((l) => `"${l}"`).join(', ')}. Fix the app's executors option or add the executor to the config.`,
    );
  }
}

/** `future.result(timeout)` ran out of time; the task itself goes on. */
export class FutureTimeoutError extends ParslError {
  public constructor(taskId: number, timeoutMs: number) {
    super(
      'FUTURE_TIMEOUT',
      `task ${taskId}: no result within ${timeoutMs} ms (the task is still running)`,
    );
  }
}

/** The kernel was cleaned up or aborted before this task could finish. */
export class KernelClosedError extends ParslError {
  public constructor(what: string) {
    super('KERNEL_CLOSED', `DataFlowKernel: ${what}. Load a new kernel with load().`);
  }
}

/** A checkpoint file could not be read. Parsl: parsl.dataflow.error.BadCheckpoint */
export class BadCheckpoint extends ParslError {
  public constructor(
    public readonly file: string,
    public readonly position: number,
    reason: string,
    options?: ErrorOptions,
  ) {
    super('CHECKPOINT_BAD', `checkpoint ${file} at byte ${position}: ${reason}`, options);
  }
}
