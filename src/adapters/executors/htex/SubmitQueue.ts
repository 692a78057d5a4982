/** Most task bytes encoded per slice; then the loop turns so the encoded part can leave. */
const SLICE_BYTES = 4 * 1024 * 1024;
/**
 * Most tasks encoded per slice. High, so small tasks leave in one go: the interchange spreads what
 * it has over its ready pools, and tasks trickling in make many small per-pool messages.
 */
const SLICE_TASKS = 65_536;

interface Unsent<T> {
  readonly taskId: number;
  readonly task: T;
}

/**
 * Encodes submitted tasks in slices, pipelined with sending: a burst of submits is encoded at the
 * end of the current synchronous run (a microtask, so a lone task costs no extra loop turn), at most
 * {@link SLICE_BYTES} / {@link SLICE_TASKS} per slice; the rest waits for the next loop turn, so
 * the first slice is already on its way (ZeroMQ's I/O thread, the interchange, the pool) while the
 * next is encoded, and a burst of big arguments is never held in memory all at once.
 */
export class SubmitQueue<T> {
  private readonly unsent: Array<Unsent<T>> = [];
  private head = 0;
  private scheduled = false;

  /**
   * @param encode turns one task into its wire frame; it may throw (the task then fails alone)
   * @param send hands an encoded frame on
   * @param fail rejects one task whose encoding threw
   */
  public constructor(
    private readonly encode: (task: T, taskId: number) => Buffer,
    private readonly send: (frame: Buffer) => void,
    private readonly fail: (taskId: number, error: unknown) => void,
  ) {}

  public push(taskId: number, task: T): void {
    this.unsent.push({ taskId, task });
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.slice());
  }

  /** Drops what is not encoded yet (shutdown or bad state; the tasks are failed by the caller). */
  public clear(): void {
    this.unsent.length = 0;
    this.head = 0;
  }

  private slice(): void {
    let bytes = 0;
    let count = 0;
    while (this.head < this.unsent.length && count < SLICE_TASKS && bytes < SLICE_BYTES) {
      const next = this.unsent[this.head] as Unsent<T>;
      this.head += 1;
      count += 1;
      let frame: Buffer;
      try {
        frame = this.encode(next.task, next.taskId);
      } catch (error: unknown) {
        this.fail(next.taskId, error);
        continue;
      }
      bytes += frame.length;
      this.send(frame);
    }
    if (this.head < this.unsent.length) {
      setImmediate(() => this.slice());
      return;
    }
    this.unsent.length = 0;
    this.head = 0;
    this.scheduled = false;
  }
}
