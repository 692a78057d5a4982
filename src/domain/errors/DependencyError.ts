import { ParslError } from './ParslError.js';

/** One failed dependency: the exception and where it came from ("task 3", "DataFuture from task 3"). */
export interface FailedDependency {
  readonly error: unknown;
  readonly description: string;
  readonly taskId?: number;
}

/**
 * A task could not run because tasks it depends on failed. It is never retried.
 * `failedTaskIds` names the failed parents; `cause` is the first parent's error.
 * Parsl: parsl.dataflow.errors.DependencyError
 */
export class DependencyError extends ParslError {
  public readonly failedTaskIds: readonly number[];

  public constructor(
    public readonly taskId: number,
    public readonly dependentExceptions: readonly FailedDependency[],
  ) {
    const names = dependentExceptions.map((d) => d.description).join(', ');
    super('TASK_DEPENDENCY_FAILED', `Dependency failure for task ${taskId}: failed ${names}`, {
      cause: dependentExceptions[0]?.error,
    });
    this.failedTaskIds = dependentExceptions.flatMap((d) =>
      d.taskId === undefined ? [] : [d.taskId],
    );
  }
}

/** Futures returned by a join app failed. Parsl: parsl.errors.JoinError */
export class JoinError extends ParslError {
  public constructor(
    public readonly taskId: number,
    public readonly dependentExceptions: readonly FailedDependency[],
  ) {
    const names = dependentExceptions.map((d) => d.description).join(', ');
    super('TASK_JOIN_FAILED', `Join failure for task ${taskId}: failed ${names}`, {
      cause: dependentExceptions[0]?.error,
    });
  }
}
