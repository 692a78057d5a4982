/**
 * Time, as a port, so kernel timing logic can be driven by a manual clock in tests.
 * Lifecycle: stateless; bound once per container. Parsl: (time.time)
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Optional hint: from now on the clock will be read for every task-state change (an observer
   * was added). A clock that needs a warm-up for such reads starts it now, off the hot path, and
   * resolves when it is ready (the kernel waits for that before `load()` returns).
   */
  expectDenseReads?(): Promise<void>;
}
