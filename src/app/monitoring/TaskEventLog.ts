import type { TaskStateEvent } from '../../domain/task/TaskEvent.js';

/**
 * Task-state events waiting to be turned into rows, kept as columns of primitives and shared
 * string references: `push` copies a few fields into preallocated slots and keeps no per-event
 * object, so a burst of tasks leaves nothing for the garbage collector to copy around until the
 * next flush turns the columns into rows (`drain`). This is the hub's hot path.
 */
export class TaskEventLog {
  private taskIds: number[] = [];
  private tryIds: number[] = [];
  private ats: number[] = [];
  private tos: TaskStateEvent['to'][] = [];
  private appNames: string[] = [];
  private executors: string[] = [];
  /** Error messages and dependency lists are rare; only their slots are stored. */
  private errors: (string | undefined)[] = [];
  private depends: (readonly number[] | undefined)[] = [];
  private count = 0;

  /** Events waiting. */
  public get length(): number {
    return this.count;
  }

  /** Appends one event (only its fields are kept). */
  public push(e: TaskStateEvent): void {
    const i = this.count;
    this.count = i + 1;
    this.taskIds[i] = e.taskId;
    this.tryIds[i] = e.tryId;
    this.ats[i] = e.at;
    this.tos[i] = e.to;
    this.appNames[i] = e.appName;
    this.executors[i] = e.executor;
    this.errors[i] = e.error;
    this.depends[i] = e.dependsOn;
  }

  /** Hands every waiting event to `each`, oldest first, as a fresh event object, and empties the log. */
  public drain(each: (e: TaskStateEvent) => void): void {
    const n = this.count;
    if (n === 0) return;
    // Emptied first: `each` may push (it never does today, but a re-entrant push must not be lost).
    this.count = 0;
    const { taskIds, tryIds, ats, tos, appNames, executors, errors, depends } = this;
    this.fresh();
    for (let i = 0; i < n; i += 1) {
      each({
        type: 'task-state',
        taskId: taskIds[i] ?? 0,
        appName: appNames[i] ?? '',
        executor: executors[i] ?? '',
        tryId: tryIds[i] ?? 0,
        from: undefined,
        to: tos[i] ?? 'pending',
        at: ats[i] ?? 0,
        error: errors[i],
        dependsOn: depends[i],
      });
    }
    // Reuse the columns' storage when nothing was pushed meanwhile.
    if (this.count === 0) {
      this.taskIds = taskIds;
      this.tryIds = tryIds;
      this.ats = ats;
      this.tos = tos;
      this.appNames = appNames;
      this.executors = executors;
      this.errors = errors;
      this.depends = depends;
      errors.fill(undefined, 0, n);
      depends.fill(undefined, 0, n);
    }
  }

  private fresh(): void {
    this.taskIds = [];
    this.tryIds = [];
    this.ats = [];
    this.tos = [];
    this.appNames = [];
    this.executors = [];
    this.errors = [];
    this.depends = [];
  }
}
