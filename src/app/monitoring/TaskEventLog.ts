import type { KernelEvent, TaskStateEvent } from '../../domain/task/TaskEvent.js';
import { TaskState } from '../../domain/task/TaskState.js';
import type { KernelEventRecorder } from '../../ports/KernelEventSink.js';

/** What a {@link TaskEventLog} tells its owner. */
export interface TaskEventLogHooks {
  /** Called when the log starts a new chunk (every 4096 events): a chance to flush. */
  readonly onChunk?: () => void;
  /** Receives the kernel's other events when the log is used as a recorder. */
  readonly onEvent?: (event: Exclude<KernelEvent, TaskStateEvent>) => void;
}

const STATES: readonly TaskState[] = Object.values(TaskState);
const STATE_CODE = new Map<string, number>(STATES.map((s, i) => [s, i]));
const PENDING = STATE_CODE.get(TaskState.pending) ?? 0;
const LAUNCHED = STATE_CODE.get(TaskState.launched) ?? 0;
const EXEC_DONE = STATE_CODE.get(TaskState.execDone) ?? 0;
/** The three states every task passes compare by identity; the others take the map. */
const stateCode = (to: TaskState): number =>
  to === TaskState.pending
    ? PENDING
    : to === TaskState.launched
      ? LAUNCHED
      : to === TaskState.execDone
        ? EXEC_DONE
        : (STATE_CODE.get(to) ?? 0);
/** Events per chunk: 4096 × 40 bytes. */
const CHUNK = 4096;
/** Drained chunks kept for reuse (about 2.6 MB). */
const SPARE_CHUNKS = 16;
/** dependsOn: 0 = undefined, 1 = [] (every new task without dependencies), 2 = in `depends`. */
const NO_DEPS = 0;
const EMPTY_DEPS = 1;
const LISTED_DEPS = 2;

interface Chunk {
  readonly numbers: Float64Array; // taskId, tryId, at
  readonly codes: Int32Array; // state, app name, executor, dependsOn kind
}

const newChunk = (): Chunk => ({
  numbers: new Float64Array(CHUNK * 3),
  codes: new Int32Array(CHUNK * 4),
});

/**
 * Task-state events waiting to be turned into rows, kept in typed-array columns: `push` copies a
 * few numbers and keeps no object the garbage collector has to trace (app and executor names
 * become indexes into a small table; the rare error messages and dependency lists go in side
 * maps). Columns come in fixed chunks that are reused after a drain, so a burst neither copies
 * nor allocates once the log has warmed up. A later flush turns the columns back into events
 * (`drain`). This is the hub's hot path: it runs once per task state change while the kernel is busy.
 */
export class TaskEventLog implements KernelEventRecorder {
  private chunks: Chunk[] = [];
  private readonly spare: Chunk[] = [];
  private current: Chunk | undefined;
  /** Next free slot of `current` (CHUNK when a new chunk is needed). */
  private slot = CHUNK;
  private count = 0;
  private readonly names: string[] = [];
  private readonly nameIndex = new Map<string, number>();
  /** The last app and executor names seen (a burst is usually one app on one executor). */
  private lastApp = '';
  private lastAppIndex = -1;
  private lastExecutor = '';
  private lastExecutorIndex = -1;
  private errors = new Map<number, string>();
  private depends = new Map<number, readonly number[]>();

  public constructor(private readonly hooks: TaskEventLogHooks = {}) {}

  /** Events waiting. */
  public get length(): number {
    return this.count;
  }

  /** Appends one event (only its fields are kept: the object may be reused by the caller). */
  public push(e: TaskStateEvent): void {
    this.taskState(e.taskId, e.appName, e.executor, e.tryId, e.to, e.at, e.error, e.dependsOn);
  }

  /** Appends one event given as its fields (the kernel's recorder path: nothing is allocated). */
  public taskState(
    taskId: number,
    appName: string,
    executor: string,
    tryId: number,
    to: TaskState,
    at: number,
    error: string | undefined,
    dependsOn: readonly number[] | undefined,
  ): void {
    if (this.slot === CHUNK) this.addChunk();
    const chunk = this.current as Chunk;
    const s = this.slot;
    this.slot = s + 1;
    const i = this.count;
    this.count = i + 1;
    const n = s * 3;
    chunk.numbers[n] = taskId;
    chunk.numbers[n + 1] = tryId;
    chunk.numbers[n + 2] = at;
    const c = s * 4;
    const codes = chunk.codes;
    codes[c] = stateCode(to);
    if (appName !== this.lastApp || this.lastAppIndex < 0) {
      this.lastApp = appName;
      this.lastAppIndex = this.name(appName);
    }
    codes[c + 1] = this.lastAppIndex;
    if (executor !== this.lastExecutor || this.lastExecutorIndex < 0) {
      this.lastExecutor = executor;
      this.lastExecutorIndex = this.name(executor);
    }
    codes[c + 2] = this.lastExecutorIndex;
    if (dependsOn === undefined) codes[c + 3] = NO_DEPS;
    else if (dependsOn.length === 0) codes[c + 3] = EMPTY_DEPS;
    else {
      codes[c + 3] = LISTED_DEPS;
      this.depends.set(i, dependsOn);
    }
    if (error !== undefined) this.errors.set(i, error);
  }

  /** Hands every waiting event to `each`, oldest first, as a fresh event object, and empties the log. */
  public drain(each: (e: TaskStateEvent) => void): void {
    const n = this.count;
    if (n === 0) return;
    const { chunks, names, errors, depends } = this;
    // Emptied first: an event pushed by `each` goes to another chunk and waits for the next drain.
    this.chunks = [];
    this.current = undefined;
    this.slot = CHUNK;
    this.count = 0;
    this.errors = new Map();
    this.depends = new Map();
    for (let i = 0; i < n; i += 1) {
      const chunk = chunks[Math.floor(i / CHUNK)] as Chunk;
      const s = i % CHUNK;
      const c = s * 4;
      const kind = chunk.codes[c + 3];
      each({
        type: 'task-state',
        taskId: chunk.numbers[s * 3] ?? 0,
        appName: names[chunk.codes[c + 1] ?? 0] ?? '',
        executor: names[chunk.codes[c + 2] ?? 0] ?? '',
        tryId: chunk.numbers[s * 3 + 1] ?? 0,
        from: undefined,
        to: STATES[chunk.codes[c] ?? 0] ?? TaskState.pending,
        at: chunk.numbers[s * 3 + 2] ?? 0,
        error: errors.get(i),
        dependsOn: kind === NO_DEPS ? undefined : kind === EMPTY_DEPS ? [] : depends.get(i),
      });
    }
    for (const chunk of chunks) if (this.spare.length < SPARE_CHUNKS) this.spare.push(chunk);
  }

  /** The kernel's other events go to the owner (`onEvent`). */
  public event(event: Exclude<KernelEvent, TaskStateEvent>): void {
    this.hooks.onEvent?.(event);
  }

  private addChunk(): void {
    this.hooks.onChunk?.();
    const chunk = this.spare.pop() ?? newChunk();
    this.chunks.push(chunk);
    this.current = chunk;
    this.slot = 0;
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
}
