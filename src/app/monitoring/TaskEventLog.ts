import type { TaskStateEvent } from '../../domain/task/TaskEvent.js';
import { TaskState } from '../../domain/task/TaskState.js';

const STATES: readonly TaskState[] = Object.values(TaskState);
const STATE_INDEX = new Map<string, number>(STATES.map((s, i) => [s, i]));
const INITIAL = 1024;
/** dependsOn: 0 = undefined, 1 = [] (every new task without dependencies), 2 = in `depends`. */
const NO_DEPS = 0;
const EMPTY_DEPS = 1;
const LISTED_DEPS = 2;

/**
 * Task-state events waiting to be turned into rows, kept in typed-array columns: `push` copies a
 * few numbers and keeps no object the garbage collector has to trace or copy (app and executor
 * names become indexes into a small table; the rare error messages and dependency lists go in
 * side maps). A later flush turns the columns back into events (`drain`). This is the hub's hot
 * path: it runs once per task state change while the kernel is busy.
 */
export class TaskEventLog {
  private capacity = INITIAL;
  private count = 0;
  private numbers = new Float64Array(INITIAL * 3); // taskId, tryId, at
  private codes = new Int32Array(INITIAL * 4); // state, app name, executor, dependsOn kind
  private readonly names: string[] = [];
  private readonly nameIndex = new Map<string, number>();
  /** The last app and executor names seen (a burst is usually one app on one executor). */
  private lastApp = '';
  private lastAppIndex = -1;
  private lastExecutor = '';
  private lastExecutorIndex = -1;
  private errors = new Map<number, string>();
  private depends = new Map<number, readonly number[]>();

  /** Events waiting. */
  public get length(): number {
    return this.count;
  }

  /** Appends one event (only its fields are kept). */
  public push(e: TaskStateEvent): void {
    const i = this.count;
    if (i === this.capacity) this.grow();
    this.count = i + 1;
    const n = i * 3;
    this.numbers[n] = e.taskId;
    this.numbers[n + 1] = e.tryId;
    this.numbers[n + 2] = e.at;
    const c = i * 4;
    this.codes[c] = STATE_INDEX.get(e.to) ?? 0;
    if (e.appName !== this.lastApp || this.lastAppIndex < 0) {
      this.lastApp = e.appName;
      this.lastAppIndex = this.name(e.appName);
    }
    this.codes[c + 1] = this.lastAppIndex;
    if (e.executor !== this.lastExecutor || this.lastExecutorIndex < 0) {
      this.lastExecutor = e.executor;
      this.lastExecutorIndex = this.name(e.executor);
    }
    this.codes[c + 2] = this.lastExecutorIndex;
    const deps = e.dependsOn;
    if (deps === undefined) this.codes[c + 3] = NO_DEPS;
    else if (deps.length === 0) this.codes[c + 3] = EMPTY_DEPS;
    else {
      this.codes[c + 3] = LISTED_DEPS;
      this.depends.set(i, deps);
    }
    if (e.error !== undefined) this.errors.set(i, e.error);
  }

  /** Hands every waiting event to `each`, oldest first, as a fresh event object, and empties the log. */
  public drain(each: (e: TaskStateEvent) => void): void {
    const n = this.count;
    if (n === 0) return;
    const { numbers, codes, names, errors, depends } = this;
    // Emptied first, into new storage: an event pushed by `each` is kept for the next drain.
    this.count = 0;
    this.numbers = new Float64Array(this.capacity * 3);
    this.codes = new Int32Array(this.capacity * 4);
    this.errors = new Map();
    this.depends = new Map();
    for (let i = 0; i < n; i += 1) {
      const c = i * 4;
      const kind = codes[c + 3];
      each({
        type: 'task-state',
        taskId: numbers[i * 3] ?? 0,
        appName: names[codes[c + 1] ?? 0] ?? '',
        executor: names[codes[c + 2] ?? 0] ?? '',
        tryId: numbers[i * 3 + 1] ?? 0,
        from: undefined,
        to: STATES[codes[c] ?? 0] ?? TaskState.pending,
        at: numbers[i * 3 + 2] ?? 0,
        error: errors.get(i),
        dependsOn: kind === NO_DEPS ? undefined : kind === EMPTY_DEPS ? [] : depends.get(i),
      });
    }
  }

  private name(value: string): number {
    let index = this.nameIndex.get(value);
    if (index === undefined) {
      index = this.names.length;
      this.names.push(value);
      this.nameIndex.set(value, index);
    }
    return index;
  }

  private grow(): void {
    this.capacity *= 2;
    const numbers = new Float64Array(this.capacity * 3);
    numbers.set(this.numbers);
    this.numbers = numbers;
    const codes = new Int32Array(this.capacity * 4);
    codes.set(this.codes);
    this.codes = codes;
  }
}
