import { ParslError } from './ParslError.js';

/**
 * An error raised while executing an app. What it contains depends on context.
 * Parsl: parsl.app.errors.AppException
 */
export class AppException extends ParslError {}

/**
 * A bash app exited with a non-zero code. `exitCode` holds it.
 * Parsl: parsl.app.errors.AppFailure
 */
export class AppFailure extends AppException {
  public constructor(
    public readonly reason: string,
    public readonly exitCode: number,
    public readonly retries?: number,
  ) {
    super('TASK_APP_FAILED', `AppFailure: ${reason} (exit code ${exitCode})`);
  }
}

/**
 * Building the command line of a bash app threw. Parsl: parsl.app.errors.AppBadFormatting
 */
export class AppBadFormatting extends AppException {
  public constructor(appName: string, options?: ErrorOptions) {
    const detail = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(
      'TASK_BAD_FORMATTING',
      `bashApp ${appName}: building the command line threw${detail}. Check the app function and its arguments.`,
      options,
    );
  }
}

/** A bash app returned no command. Parsl: parsl.app.errors.BashAppNoReturn (exitcode -21). */
export class BashAppNoReturn extends AppException {
  public readonly exitCode = -21;
  public constructor(appName: string, returned: string) {
    super(
      'TASK_BASH_NO_RETURN',
      `bashApp ${appName}: the app function returned ${returned} instead of a command string. Return the command line to run.`,
    );
  }
}

/** An app ran past its walltime. Parsl: parsl.app.errors.AppTimeout */
export class AppTimeout extends AppException {
  public constructor(
    appName: string,
    public readonly walltimeSeconds: number,
  ) {
    super(
      'TASK_TIMEOUT',
      `app ${appName}: exceeded its walltime of ${walltimeSeconds} s and was stopped. Raise walltime if the task needs longer.`,
    );
  }
}

/** stdout/stderr could not be opened. Parsl: parsl.app.errors.BadStdStreamFile */
export class BadStdStreamFile extends AppException {
  public constructor(
    public readonly path: string,
    options?: ErrorOptions,
  ) {
    const detail = options?.cause instanceof Error ? ` (${options.cause.message})` : '';
    super(
      'TASK_BAD_STD_STREAM',
      `bash app: cannot open stdout/stderr file ${path}${detail}. Check the path and its permissions.`,
      options,
    );
  }
}

/** Declared output files were not produced. Parsl: parsl.app.errors.MissingOutputs */
export class MissingOutputs extends AppException {
  public constructor(
    appName: string,
    public readonly outputs: readonly string[],
  ) {
    super(
      'TASK_MISSING_OUTPUTS',
      `app ${appName}: finished without producing declared outputs: ${outputs.join(', ')}`,
    );
  }
}

/** The task was cancelled before it was launched. */
export class TaskCancelled extends AppException {
  public constructor(taskId: number) {
    super('TASK_CANCELLED', `task ${taskId} was cancelled before it was launched`);
  }
}

/**
 * An exception thrown inside an app in another thread or process, re-created on this side.
 * `remoteName` and `remoteStack` keep what the remote side reported.
 * Parsl: parsl.executors.exceptions.TaskExecException / RemoteExceptionWrapper
 */
export class RemoteException extends AppException {
  public constructor(
    public readonly remoteName: string,
    message: string,
    public readonly remoteStack?: string,
  ) {
    super('TASK_REMOTE_EXCEPTION', message);
    this.name = remoteName;
    if (remoteStack !== undefined) this.stack = remoteStack;
  }
}
