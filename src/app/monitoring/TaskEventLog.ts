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
   * Events the log has room for from the start (rounded up to whole chunks of 512, 36 bytes
   * each), allocated and written once at construction so that a burst does not page-fault on the
   * kernel's hot path; as many chunks are kept for reuse after a drain. @default 65_536 (2.4 MB)
   */
  readonly reservedEvents?: number;
}

/**
 * Events per chunk: small enough that the first chunk switch comes early in a burst, before the
 * JIT compiles `taskState` (otherwise its optimized code has never seen `nextChunk` and is thrown away).
 */
const CHUNK = 512;
/** References kept per event: state, app name, executor label, dependency list. */
const REFS = 4;

interface Chunk {
  readonly numbers: Float64Array; // taskId, at
  readonly tries: Int32Array;
  readonly refs: unknown[]; // to, appName, executor, dependsOn
}

/** A fresh chunk whose memory is written, so that the first writes on the hot path do not fault. */
const newChunk = (): Chunk => ({
  numbers: new Float64Array(CHUNK * 2).fill(0),
  tries: new Int32Array(CHUNK).fill(0),
  // Filled with a string so that the array holds references from the start (no elements-kind change).
  refs: new Array<unknown>(CHUNK * REFS).fill(''),
});

/**
 * Task-state events waiting to be turned into rows, kept in columns: `taskState` writes the task
 * id and time into a typed array, the try into another, and four references (state, app name,
 * executor label, dependency list: strings and arrays the kernel already holds) into a plain
 * array; nothing is looked up or allocated per event, and the rare error messages go in a side
 * map. Columns come in chunks of 512 events, allocated and written at construction and reused
 * after a drain, so a burst neither allocates nor touches fresh memory while it fits in the
 * reserve. A later flush turns the columns back into events (`drain`). This is the hub's hot path:
 * it runs once per task-state change while the kernel is busy.
 */
export class TaskEventLog implements KernelEventRecorder {
  private chunks: Chunk[] = [];
  private readonly spare: Chunk[] = [];
  private readonly spareLimit: number;
  // The current chunk's columns, held directly (one field load each on the hot path).
  private numbers: Float64Array = new Float64Array(0);
  private tries: Int32Array = new Int32Array(0);
  private refs: unknown[] = [];
  /** Next free slot of the current chunk (CHUNK when a new chunk is needed). */
  private slot = CHUNK;
  private count = 0;
  private errors = new Map<number, string>();

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
    const numbers = this.numbers;
    numbers[2 * s] = taskId;
    numbers[2 * s + 1] = at;
    this.tries[s] = tryId;
    const refs = this.refs;
    const r = REFS * s;
    refs[r] = to;
    refs[r + 1] = appName;
    refs[r + 2] = executor;
    refs[r + 3] = dependsOn;
    if (error !== undefined) this.errors.set(this.count, error);
    this.count += 1;
  }

  /** Hands every waiting event to `each`, oldest first, as a fresh event object, and empties the log. */
  public drain(each: (e: TaskStateEvent) => void): void {
    const n = this.count;
    if (n === 0) return;
    const { chunks, errors } = this.empty();
    for (let i = 0; i < n; i += 1) {
      const chunk = chunks[Math.floor(i / CHUNK)] as Chunk;
      const s = i % CHUNK;
      const r = REFS * s;
      const dependsOn = chunk.refs[r + 3] as readonly number[] | undefined;
      chunk.refs[r + 3] = undefined; // the list is the rows' now; the log does not keep it alive
      each({
        type: 'task-state',
        taskId: chunk.numbers[2 * s] ?? 0,
        appName: chunk.refs[r + 1] as string,
        executor: chunk.refs[r + 2] as string,
        tryId: chunk.tries[s] ?? 0,
        from: undefined,
        to: chunk.refs[r] as TaskState,
        at: chunk.numbers[2 * s + 1] ?? 0,
        error: errors.get(i),
        dependsOn,
      });
    }
    this.reuse(chunks);
  }

  /**
   * Takes every waiting event as columns for another thread (`postMessage(columns, transferList(columns))`,
   * read back with {@link forEachTaskEvent}) and empties the log: numbers are copied into typed
   * arrays, and each string is sent once.
   */
  public takeColumns(): TaskEventColumns | undefined {
    const n = this.count;
    if (n === 0) return undefined;
    const { chunks, errors } = this.empty();
    const numbers = new Float64Array(2 * n);
    const ints = new Int32Array(INTS * n);
    const states = new StringColumn();
    const apps = new StringColumn(states.table);
    const executors = new StringColumn(states.table);
    const dependencies: number[] = [];
    for (let k = 0; k < chunks.length; k += 1) {
      const { numbers: chunkNumbers, tries, refs } = chunks[k] as Chunk;
      const first = k * CHUNK;
      const m = Math.min(CHUNK, n - first);
      numbers.set(chunkNumbers.subarray(0, 2 * m), 2 * first);
      for (let s = 0, i = INTS * first, r = 0; s < m; s += 1, i += INTS, r += REFS) {
        const dependsOn = refs[r + 3] as readonly number[] | undefined;
        refs[r + 3] = undefined;
        ints[i] = tries[s] as number;
        ints[i + 1] = states.code(refs[r] as string);
        ints[i + 2] = apps.code(refs[r + 1] as string);
        ints[i + 3] = executors.code(refs[r + 2] as string);
        if (dependsOn === undefined) ints[i + 4] = -1;
        else {
          ints[i + 4] = dependsOn.length;
          for (let d = 0; d < dependsOn.length; d += 1) dependencies.push(dependsOn[d] as number);
        }
      }
    }
    this.reuse(chunks);
    return {
      count: n,
      numbers,
      ints,
      strings: states.table.values,
      dependencies: Float64Array.from(dependencies),
      errors: [...errors],
    };
  }

  /** The kernel's other events go to the owner (`onEvent`). */
  public event(event: Exclude<KernelEvent, TaskStateEvent>): void {
    this.options.onEvent?.(event);
  }

  /** Empties the log and returns what it held (an event pushed meanwhile goes to a new chunk). */
  private empty(): { chunks: Chunk[]; errors: Map<number, string> } {
    const taken = { chunks: this.chunks, errors: this.errors };
    this.chunks = [];
    this.slot = CHUNK;
    this.count = 0;
    this.errors = new Map();
    return taken;
  }

  private reuse(chunks: readonly Chunk[]): void {
    for (const chunk of chunks) if (this.spare.length < this.spareLimit) this.spare.push(chunk);
  }

  /** Starts a chunk (a spare one while there are any) and returns its first slot, 0. */
  private nextChunk(): number {
    this.options.onChunk?.();
    const chunk = this.spare.pop() ?? newChunk();
    this.chunks.push(chunk);
    this.numbers = chunk.numbers;
    this.tries = chunk.tries;
    this.refs = chunk.refs;
    return 0;
  }
}
