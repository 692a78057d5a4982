/**
 * Time, as a port, so kernel timing logic can be driven by a manual clock in tests.
 * Lifecycle: stateless; bound once per container. Parsl: (time.time)
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}
