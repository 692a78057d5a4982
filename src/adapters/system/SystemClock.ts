import type { Clock } from '../../ports/Clock.js';

/** The machine's wall clock. */
export class SystemClock implements Clock {
  public now(): number {
    return Date.now();
  }
}
