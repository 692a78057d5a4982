/** A running periodic callback; `cancel()` stops further ticks. */
export interface TickHandle {
  cancel(): void;
}

/**
 * Runs callbacks periodically, as a port so periodic kernel work (the job-status poller) can be
 * driven by a manual clock in tests. Implementations call `tick` on schedule even while an
 * earlier call's promise is pending; callers that must not overlap guard themselves.
 * Lifecycle: stateless; callers cancel their handles at shutdown.
 * Parsl: parsl.utils.Timer
 */
export interface Ticker {
  /** Calls `tick` every `periodMs` (first call after one period). */
  every(periodMs: number, tick: () => void | Promise<void>): TickHandle;
}
