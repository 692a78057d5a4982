import type { TaskState } from '../../domain/task/TaskState.js';
import type { DataFuture } from './DataFuture.js';
import { Future } from './Future.js';

/** What an AppFuture asks of the kernel that made it. */
export interface AppFutureOwner {
  cancelTask(taskId: number): boolean;
  taskState(taskId: number): TaskState | undefined;
}

/**
 * The future of one app call. Await it (or call `result()`) for the app's value; a failed task's
 * exception is raised there and only there (lazy errors). `outputs` holds one DataFuture per
 * declared output file; `stdout`/`stderr` are the stream paths of bash apps.
 * Parsl: parsl.dataflow.futures.AppFuture
 */
export class AppFuture<T> extends Future<T> {
  private wasCancelled = false;

  public constructor(
    /** The task id: an integer, counting from 0 per kernel. */
    public readonly taskId: number,
    public readonly appName: string,
    private readonly owner: AppFutureOwner,
    public readonly outputs: readonly DataFuture[] = [],
    public stdout: string | undefined = undefined,
    public stderr: string | undefined = undefined,
  ) {
    super();
  }

  /** Parsl's name for the task id. */
  public get tid(): number {
    return this.taskId;
  }

  /** The task's state now; `undefined` once the kernel released the record (it is then final). */
  public get state(): TaskState | undefined {
    return this.owner.taskState(this.taskId);
  }

  /**
   * Cancels the task if it has not been launched yet; it then fails with TaskCancelled.
   * Returns false when the task is already running or done.
   */
  public cancel(): boolean {
    if (this.done()) return false;
    this.wasCancelled = this.owner.cancelTask(this.taskId);
    return this.wasCancelled;
  }

  public cancelled(): boolean {
    return this.wasCancelled;
  }

  public override toString(): string {
    return `AppFuture(task ${this.taskId}, ${this.appName}, ${this.done() ? (this.failed() ? 'failed' : 'done') : 'pending'})`;
  }

  protected override timeoutSubject(): number {
    return this.taskId;
  }
}
