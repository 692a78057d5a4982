/** Wall time of work one thread should be handed at once. */
const TARGET_BATCH_MS = 5;
const MAX_BATCH = 4096;
const INITIAL_BATCH = 8;

/**
 * How many attempts a busy thread may hold: enough tiny tasks to amortise a message (thousands of
 * no-ops per batch), but one or two long ones, so a slow task does not hold others hostage while
 * another thread idles. Fed with the threads' own busy-time reports (moving average).
 */
export class BatchSizer {
  private averageMs: number | undefined;
  private cap = INITIAL_BATCH;

  /** Attempts a thread may hold at once. */
  public get limit(): number {
    return this.cap;
  }

  /** A thread spent `busyMs` running `count` tasks. */
  public record(busyMs: number, count: number): void {
    const perTask = busyMs / count;
    this.averageMs = this.averageMs === undefined ? perTask : 0.8 * this.averageMs + 0.2 * perTask;
    const fit = Math.floor(TARGET_BATCH_MS / Math.max(this.averageMs, 1e-4));
    this.cap = Math.max(1, Math.min(MAX_BATCH, fit));
  }
}
