import type { KernelEvent, TaskStateEvent } from '../../domain/task/TaskEvent.js';
import type { TaskState } from '../../domain/task/TaskState.js';
import type { KernelEventRecorder } from '../../ports/KernelEventSink.js';
import { INTS, StringColumn, type TaskEventColumns } from './taskEventColumns.js';

/** What a {@link TaskEventLog} tells its owner, and how much memory it commits up front. */
export interface TaskEventLogOptions {
  /** Called when the log starts a new chunk (every 512 events): a chance to flush. */
  readonly onChunk?: () => void;
  /** Receives the kernel's other events when the log is used as a recorder. */
  readonly onEvent?: (event: Exclude<KernelEvent, TaskStateEvent>) => void;
  /**
   * Events the log has room for from the start (rounded up to whole chunks of 512, 13 bytes
   * each), allocated and written once at construction so that a burst does not page-fault on the
   * kernel's hot path; as many chunks are kept for reuse after a drain. @default 65_536 (0.9 MB)
   */
  readonly reservedEvents?: number;
}

/**
 * Events per chunk: small enough that the first chunk switch comes early in a burst, before the
 * JIT compiles `taskState` (otherwise its optimized code has never seen `nextChunk` and is thrown away).
 */
const CHUNK = 512;

interface Chunk {
  readonly ids: Float64Array;
  readonly tries: Int32Array;
  /** The state's code times two, plus one when the change came with a dependency list. */
  readonly kinds: Uint8Array;
}

/** A fresh chunk whose memory is written, so that the first writes on the hot path do not fault. */
const newChunk = (): Chunk => ({
  ids: new Float64Array(CHUNK).fill(0),
  tries: new Int32Array(CHUNK).fill(0),
  kinds: new Uint8Array(CHUNK).fill(0),
});

/** What a drain hands over: the chunks and the marks of the events they hold. */
interface Taken {
  readonly count: number;
  readonly chunks: Chunk[];
  readonly times: number[];
  readonly contexts: unknown[];
  readonly lists: unknown[];
  readonly errors: Map<number, string>;
}

/**
 * Task-state events waiting to be turned into rows: the hub's hot path, run once per task-state
 * change while the kernel is busy. It writes 13 bytes a change (the version before wrote 52; the
 * kernel's bursts measured no faster, but the reserve is a third): the task id, the try and one
 * byte (the state's code, and whether a dependency list came with it), in typed arrays. Whatever
 * usually repeats from one change to the next is kept only when it changes, as a mark at the
 * change's index: the time (the kernel's clock moves once a millisecond), the app name with the
 * executor label, and non-empty dependency lists. The rare error messages go in a side map.
 * Columns come in chunks of 512 events, allocated and written at construction and reused after a
 * drain, so a burst neither allocates nor touches fresh memory while it fits in the reserve. A
 * later flush turns the columns back into events (`drain`, `takeColumns`).
 */
export class TaskEventLog implements KernelEventRecorder {
  private chunks: Chunk[] = [];
  private readonly spare: Chunk[] = [];
  private readonly spareLimit: number;
  // The current chunk's columns, held directly (one field load each on the hot path).
  private ids: Float64Array = new Float64Array(0);
  private tries: Int32Array = new Int32Array(0);
  private kinds: Uint8Array = new Uint8Array(0);
  /** Next free slot of the current chunk (CHUNK when a new chunk is needed). */
  private slot = CHUNK;
  private count = 0;
  // Marks: [index, time, ...], [index, app name, executor, ...], [index, dependency list, ...]
  private times: number[] = [];
  private contexts: unknown[] = [];
  private lists: unknown[] = [];
  private errors = new Map<number, string>();
  private lastAt = Number.NaN;
  private lastApp: string | undefined;
  private lastExecutor: string | undefined;
  /** State names by code (order first seen; there are ten states, and a byte holds 128 codes). */
  private readonly states: TaskState[] = [];
  private lastState: TaskState | undefined;
  private lastStateKind = 0;

  public constructor(private readonly options: TaskEventLogOptions = {}) {
    const reserved = Math.ceil(Math.max(0, options.reservedEvents ?? 65_536) / CHUNK);
    this.spareLimit = Math.max(1, reserved);
    for (let i = 0; i < reserved; i += 1) this.spare.push(newChunk());
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
    let s = this.slot;
    if (s === CHUNK) s = this.nextChunk();
    this.slot = s + 1;
    const i = this.count;
    this.count = i + 1;
    this.ids[s] = taskId;
    this.tries[s] = tryId;
    let kind = to === this.lastState ? this.lastStateKind : this.stateKind(to);
    if (dependsOn !== undefined) {
      kind += 1;
      if (dependsOn.length > 0) this.lists.push(i, dependsOn);
    }
    this.kinds[s] = kind;
    if (at !== this.lastAt) {
      this.lastAt = at;
      this.times.push(i, at);
    }
    if (appName !== this.lastApp || executor !== this.lastExecutor) {
      this.lastApp = appName;
      this.lastExecutor = executor;
      this.contexts.push(i, appName, executor);
    }
    if (error !== undefined) this.errors.set(i, error);
  }

  /** Hands every waiting event to `each`, oldest first, as a fresh event object, and empties the log. */
  public drain(each: (e: TaskStateEvent) => void): void {
    if (this.count === 0) return;
    const taken = this.empty();
    this.read(taken, (i, taskId, tryId, to, appName, executor, at, dependsOn) => {
      each({
        type: 'task-state',
        taskId,
        appName,
        executor,
        tryId,
        from: undefined,
        to,
        at,
        error: taken.errors.get(i),
        dependsOn,
      });
    });
    this.reuse(taken.chunks);
  }

  /**
   * Takes every waiting event as columns for another thread (`postMessage(columns, transferList(columns))`,
   * read back with {@link forEachTaskEvent}) and empties the log: numbers are copied into typed
   * arrays, and each string is sent once.
   */
  public takeColumns(): TaskEventColumns | undefined {
    const n = this.count;
    if (n === 0) return undefined;
    const taken = this.empty();
    const numbers = new Float64Array(2 * n);
    const ints = new Int32Array(INTS * n);
    const states = new StringColumn();
    const apps = new StringColumn(states.table);
    const executors = new StringColumn(states.table);
    const dependencies: number[] = [];
    this.read(taken, (i, taskId, tryId, to, appName, executor, at, dependsOn) => {
      const k = INTS * i;
      numbers[2 * i] = taskId;
      numbers[2 * i + 1] = at;
      ints[k] = tryId;
      ints[k + 1] = states.code(to);
      ints[k + 2] = apps.code(appName);
      ints[k + 3] = executors.code(executor);
      if (dependsOn === undefined) ints[k + 4] = -1;
      else {
        ints[k + 4] = dependsOn.length;
        for (let d = 0; d < dependsOn.length; d += 1) dependencies.push(dependsOn[d] as number);
      }
    });
    this.reuse(taken.chunks);
    return {
      count: n,
      numbers,
      ints,
      strings: states.table.values,
      dependencies: Float64Array.from(dependencies),
      errors: [...taken.errors],
    };
  }

  /** The kernel's other events go to the owner (`onEvent`). */
  public event(event: Exclude<KernelEvent, TaskStateEvent>): void {
    this.options.onEvent?.(event);
  }

  /** Walks `taken` in order, each event decoded, with its marks resolved. */
  private read(
    taken: Taken,
    each: (
      i: number,
      taskId: number,
      tryId: number,
      to: TaskState,
      appName: string,
      executor: string,
      at: number,
      dependsOn: readonly number[] | undefined,
    ) => void,
  ): void {
    const { times, contexts, lists } = taken;
    let t = 0;
    let c = 0;
    let l = 0;
    let at = 0;
    let appName = '';
    let executor = '';
    for (let i = 0; i < taken.count; i += 1) {
      if (times[t] === i) {
        at = times[t + 1] as number;
        t += 2;
      }
      if (contexts[c] === i) {
        appName = contexts[c + 1] as string;
        executor = contexts[c + 2] as string;
        c += 3;
      }
      const chunk = taken.chunks[Math.floor(i / CHUNK)] as Chunk;
      const s = i % CHUNK;
      const kind = chunk.kinds[s] ?? 0;
      let dependsOn: readonly number[] | undefined;
      if ((kind & 1) === 1) {
        dependsOn = [];
        if (lists[l] === i) {
          dependsOn = lists[l + 1] as readonly number[];
          l += 2;
        }
      }
      const to = this.states[kind >> 1] as TaskState;
      each(i, chunk.ids[s] ?? 0, chunk.tries[s] ?? 0, to, appName, executor, at, dependsOn);
    }
  }

  /** Empties the log and returns what it held (an event pushed meanwhile goes to a new chunk). */
  private empty(): Taken {
    const taken: Taken = {
      count: this.count,
      chunks: this.chunks,
      times: this.times,
      contexts: this.contexts,
      lists: this.lists,
      errors: this.errors,
    };
    this.chunks = [];
    this.slot = CHUNK;
    this.count = 0;
    this.times = [];
    this.contexts = [];
    this.lists = [];
    this.errors = new Map();
    this.lastAt = Number.NaN;
    this.lastApp = undefined;
    this.lastExecutor = undefined;
    return taken;
  }

  /** The state's byte (its code times two), coding a state the first time it is seen. */
  private stateKind(to: TaskState): number {
    let code = this.states.indexOf(to);
    if (code === -1) code = this.states.push(to) - 1;
    this.lastState = to;
    this.lastStateKind = 2 * code;
    return this.lastStateKind;
  }

  private reuse(chunks: readonly Chunk[]): void {
    for (const chunk of chunks) if (this.spare.length < this.spareLimit) this.spare.push(chunk);
  }

  /** Starts a chunk (a spare one while there are any) and returns its first slot, 0. */
  private nextChunk(): number {
    this.options.onChunk?.();
    const chunk = this.spare.pop() ?? newChunk();
    this.chunks.push(chunk);
    this.ids = chunk.ids;
    this.tries = chunk.tries;
    this.kinds = chunk.kinds;
    return 0;
  }
}
