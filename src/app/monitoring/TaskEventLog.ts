import type { KernelEvent, TaskStateEvent } from '../../domain/task/TaskEvent.js';
import { TaskState } from '../../domain/task/TaskState.js';
import type { KernelEventRecorder } from '../../ports/KernelEventSink.js';

/** What a {@link TaskEventLog} tells its owner, and how much memory it commits up front. */
export interface TaskEventLogOptions {
  /** Called when the log starts a new chunk (every 512 events): a chance to flush. */
  readonly onChunk?: () => void;
  /** Receives the kernel's other events when the log is used as a recorder. */
  readonly onEvent?: (event: Exclude<KernelEvent, TaskStateEvent>) => void;
  /**
   * Events the log has room for from the start (rounded up to whole chunks of 512, 20 bytes
   * each), allocated and written once at construction so that a burst does not page-fault on the
   * kernel's hot path; as many chunks are kept for reuse after a drain. @default 65_536 (1.3 MB)
   */
  readonly reservedEvents?: number;
}

const STATES: readonly TaskState[] = Object.values(TaskState);
const STATE_CODE = new Map<string, number>(STATES.map((s, i) => [s, i]));
/**
 * Events per chunk: small enough that the first chunk switch comes early in a burst, before the
 * JIT compiles `taskState` (otherwise its optimized code has never seen `addChunk` and is thrown away).
 */
const CHUNK = 512;
/** A packed code: state (4 bits), dependsOn kind (2 bits), then the context index. */
const STATE_BITS = 4;
const KIND_SHIFT = STATE_BITS;
const CONTEXT_SHIFT = STATE_BITS + 2;
const STATE_MASK = (1 << STATE_BITS) - 1;
/** dependsOn: 0 = undefined, 1 = [] (every new task without dependencies), 2 = in `depends`. */
const NO_DEPS = 0;
const EMPTY_DEPS = 1;
const LISTED_DEPS = 2;

interface Chunk {
  readonly numbers: Float64Array; // taskId, at
  readonly codes: Int32Array; // state | dependsOn kind | context (app, executor, try)
}

const newChunk = (): Chunk => ({
  numbers: new Float64Array(CHUNK * 2),
  codes: new Int32Array(CHUNK),
});

/** A fresh chunk whose pages are written, so that the first writes on the hot path do not fault. */
const committedChunk = (): Chunk => {
  const chunk = newChunk();
  chunk.numbers.fill(0);
  chunk.codes.fill(0);
  return chunk;
};

/** Where a task-state change happened: its app, executor and try. */
interface Context {
  readonly appName: string;
  readonly executor: string;
  readonly tryId: number;
}

/**
 * Task-state events waiting to be turned into rows, kept in typed-array columns: `push` writes
 * three numbers (task id, time, and a code packing the state, the kind of dependency list and the
 * index of its app/executor/try context) and keeps no object the garbage collector has to trace;
 * the rare error messages and dependency lists go in side maps. Columns come in fixed chunks,
 * committed at construction and reused after a drain, so a burst neither allocates nor touches
 * fresh memory while it fits in the reserve. A later flush turns the columns back into events
 * (`drain`). This is the hub's hot path: it runs once per task state change while the kernel is busy.
 */
export class TaskEventLog implements KernelEventRecorder {
  private chunks: Chunk[] = [];
  private readonly spare: Chunk[] = [];
  private readonly spareLimit: number;
  private current: Chunk | undefined;
  /** Next free slot of `current` (CHUNK when a new chunk is needed). */
  private slot = CHUNK;
  private count = 0;
  private readonly contexts: Context[] = [];
  private readonly contextIndex = new Map<string, number>();
  /** The last context seen (a burst is usually one app on one executor, first try). */
  private lastApp = '';
  private lastExecutor = '';
  private lastTry = -1;
  private lastContext = 0;
  private errors = new Map<number, string>();
  private depends = new Map<number, readonly number[]>();

  public constructor(private readonly options: TaskEventLogOptions = {}) {
    const reserved = Math.ceil(Math.max(0, options.reservedEvents ?? 65_536) / CHUNK);
    this.spareLimit = Math.max(1, reserved);
    for (let i = 0; i < reserved; i += 1) this.spare.push(committedChunk());
  }

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
    chunk.numbers[2 * s] = taskId;
    chunk.numbers[2 * s + 1] = at;
    if (appName !== this.lastApp || executor !== this.lastExecutor || tryId !== this.lastTry) {
      this.lastApp = appName;
      this.lastExecutor = executor;
      this.lastTry = tryId;
      this.lastContext = this.context(appName, executor, tryId);
    }
    let kind = NO_DEPS;
    if (dependsOn !== undefined) {
      if (dependsOn.length === 0) kind = EMPTY_DEPS;
      else {
        kind = LISTED_DEPS;
        this.depends.set(i, dependsOn);
      }
    }
    // One lookup for every state: a chain of comparisons would reach code the JIT compiled before
    // any task got past `pending` (the whole burst is submitted first) and deoptimize it.
    const state = STATE_CODE.get(to) ?? 0;
    chunk.codes[s] = state | (kind << KIND_SHIFT) | (this.lastContext << CONTEXT_SHIFT);
    if (error !== undefined) this.errors.set(i, error);
  }

  /** Hands every waiting event to `each`, oldest first, as a fresh event object, and empties the log. */
  public drain(each: (e: TaskStateEvent) => void): void {
    const n = this.count;
    if (n === 0) return;
    const { chunks, contexts, errors, depends } = this;
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
      const code = chunk.codes[s] ?? 0;
      const kind = (code >>> KIND_SHIFT) & 3;
      const context = contexts[code >>> CONTEXT_SHIFT] as Context;
      each({
        type: 'task-state',
        taskId: chunk.numbers[2 * s] ?? 0,
        appName: context.appName,
        executor: context.executor,
        tryId: context.tryId,
        from: undefined,
        to: STATES[code & STATE_MASK] ?? TaskState.pending,
        at: chunk.numbers[2 * s + 1] ?? 0,
        error: errors.get(i),
        dependsOn: kind === NO_DEPS ? undefined : kind === EMPTY_DEPS ? [] : depends.get(i),
      });
    }
    for (const chunk of chunks) if (this.spare.length < this.spareLimit) this.spare.push(chunk);
  }

  /** The kernel's other events go to the owner (`onEvent`). */
  public event(event: Exclude<KernelEvent, TaskStateEvent>): void {
    this.options.onEvent?.(event);
  }

  private addChunk(): void {
    this.options.onChunk?.();
    const chunk = this.spare.pop() ?? newChunk();
    this.chunks.push(chunk);
    this.current = chunk;
    this.slot = 0;
  }

  private context(appName: string, executor: string, tryId: number): number {
    const key = `${tryId}\u0000${executor}\u0000${appName}`;
    let index = this.contextIndex.get(key);
    if (index === undefined) {
      index = this.contexts.length;
      this.contexts.push({ appName, executor, tryId });
      this.contextIndex.set(key, index);
    }
    return index;
  }
}
