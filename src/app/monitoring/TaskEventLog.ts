import type { KernelEvent, TaskStateEvent } from '../../domain/task/TaskEvent.js';
import type { TaskState } from '../../domain/task/TaskState.js';
import type { KernelEventRecorder } from '../../ports/KernelEventSink.js';
import {
  forEachTaskEvent,
  INTS,
  StringColumn,
  StringTable,
  type TaskEventColumns,
} from './taskEventColumns.js';

/** What a {@link TaskEventLog} tells its owner, and how much memory it commits up front. */
export interface TaskEventLogOptions {
  /** Called every 256 events (when the ring is packed): a chance to flush. */
  readonly onChunk?: () => void;
  /** Receives the kernel's other events when the log is used as a recorder. */
  readonly onEvent?: (event: Exclude<KernelEvent, TaskStateEvent>) => void;
  /**
   * Events the log has room for from the start (36 bytes each), allocated and written once at
   * construction so that a burst does not page-fault on the kernel's hot path; the columns double
   * when a burst needs more. @default 65_536 (2.4 MB)
   */
  readonly reservedEvents?: number;
}

/**
 * Events in the ring: its columns (about 13 KB) stay in the core's cache while a burst writes
 * them; 256 also comes early enough in a burst that the JIT's first compilation of `taskState`
 * has seen a packing.
 */
const RING = 256;
/** References kept per event in the ring: state, app name, executor label, dependency list. */
const REFS = 4;

/**
 * Task-state events waiting to be turned into rows. `taskState`, the hub's hot path (once per
 * change while the kernel is busy), writes an event into a small ring that stays in cache: task
 * id and time into a typed array, the try into another, and four references the kernel already
 * holds (state, app name, executor label, dependency list) into a plain array; the rare error
 * messages go in a side map. Every 256 events the ring is packed into the log's columns in one
 * sequential pass: numbers copied, strings replaced by their codes (see {@link TaskEventColumns}).
 * Writing each event straight into megabytes of columns, interleaved with the kernel's own work,
 * cost several times more per event. `takeColumns` hands the columns to another thread; `drain`
 * turns them back into events here.
 */
export class TaskEventLog implements KernelEventRecorder {
  private readonly ringNumbers = new Float64Array(RING * 2).fill(0);
  private readonly ringTries = new Int32Array(RING).fill(0);
  // Filled with a string so that the array holds references from the start (no elements-kind change).
  private readonly ringRefs = new Array<unknown>(RING * REFS).fill('');
  /** Next free slot of the ring. */
  private slot = 0;
  /** Events packed into the columns. */
  private packed = 0;
  private numbers: Float64Array;
  private ints: Int32Array;
  private dependencies: number[] = [];
  private errors = new Map<number, string>();
  private readonly table = new StringTable();
  private readonly states = new StringColumn(this.table);
  private readonly apps = new StringColumn(this.table);
  private readonly executors = new StringColumn(this.table);
  private readonly reserved: number;

  public constructor(private readonly options: TaskEventLogOptions = {}) {
    this.reserved = Math.max(RING, Math.ceil(options.reservedEvents ?? 65_536));
    this.numbers = new Float64Array(2 * this.reserved).fill(0);
    this.ints = new Int32Array(INTS * this.reserved).fill(0);
  }

  /** Events waiting. */
  public get length(): number {
    return this.packed + this.slot;
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
    const s = this.slot;
    const numbers = this.ringNumbers;
    numbers[2 * s] = taskId;
    numbers[2 * s + 1] = at;
    this.ringTries[s] = tryId;
    const refs = this.ringRefs;
    const r = REFS * s;
    refs[r] = to;
    refs[r + 1] = appName;
    refs[r + 2] = executor;
    refs[r + 3] = dependsOn;
    if (error !== undefined) this.errors.set(this.packed + s, error);
    this.slot = s + 1;
    if (s + 1 === RING) this.pack();
  }

  /** Hands every waiting event to `each`, oldest first, as a fresh event object, and empties the log. */
  public drain(each: (e: TaskStateEvent) => void): void {
    const columns = this.takeColumns();
    if (columns !== undefined) forEachTaskEvent(columns, each);
  }

  /**
   * Takes every waiting event as columns for another thread (`postMessage(columns,
   * transferList(columns))`, read back with {@link forEachTaskEvent}) and empties the log. The
   * columns are copies: the log keeps its memory for the next events.
   */
  public takeColumns(): TaskEventColumns | undefined {
    if (this.slot > 0) this.pack();
    const n = this.packed;
    if (n === 0) return undefined;
    const numbers = this.numbers.subarray(0, 2 * n);
    const ints = this.ints.subarray(0, INTS * n);
    const columns: TaskEventColumns = {
      count: n,
      numbers: numbers.slice(),
      ints: ints.slice(),
      strings: [...this.table.values],
      dependencies: Float64Array.from(this.dependencies),
      errors: [...this.errors],
    };
    this.packed = 0;
    this.dependencies = [];
    this.errors = new Map();
    return columns;
  }

  /** The kernel's other events go to the owner (`onEvent`). */
  public event(event: Exclude<KernelEvent, TaskStateEvent>): void {
    this.options.onEvent?.(event);
  }

  /** Moves the ring's events into the columns (growing them when full) and empties the ring. */
  private pack(): void {
    const m = this.slot;
    const first = this.packed;
    if (first + m > this.ints.length / INTS) this.grow(first + m);
    this.numbers.set(
      m === RING ? this.ringNumbers : this.ringNumbers.subarray(0, 2 * m),
      2 * first,
    );
    const { ringTries: tries, ringRefs: refs, ints, dependencies } = this;
    for (let s = 0, i = INTS * first, r = 0; s < m; s += 1, i += INTS, r += REFS) {
      const dependsOn = refs[r + 3] as readonly number[] | undefined;
      refs[r + 3] = undefined; // the ring does not keep a dependency list alive
      ints[i] = tries[s] as number;
      ints[i + 1] = this.states.code(refs[r] as string);
      ints[i + 2] = this.apps.code(refs[r + 1] as string);
      ints[i + 3] = this.executors.code(refs[r + 2] as string);
      if (dependsOn === undefined) ints[i + 4] = -1;
      else {
        ints[i + 4] = dependsOn.length;
        for (let d = 0; d < dependsOn.length; d += 1) dependencies.push(dependsOn[d] as number);
      }
    }
    this.packed = first + m;
    this.slot = 0;
    this.options.onChunk?.();
  }

  private grow(needed: number): void {
    const events = Math.max(needed, 2 * (this.ints.length / INTS));
    const numbers = new Float64Array(2 * events);
    numbers.set(this.numbers.subarray(0, 2 * this.packed));
    const ints = new Int32Array(INTS * events);
    ints.set(this.ints.subarray(0, INTS * this.packed));
    this.numbers = numbers;
    this.ints = ints;
  }
}
