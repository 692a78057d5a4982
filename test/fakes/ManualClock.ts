import type { Clock } from '../../src/ports/Clock.js';
import type { Ticker, TickHandle } from '../../src/ports/Ticker.js';

interface Periodic {
  readonly periodMs: number;
  readonly tick: () => void | Promise<void>;
  next: number;
  cancelled: boolean;
}

/**
 * A Clock and Ticker that only move when told: `advance(ms)` fires every due tick in time order
 * and awaits each, so a test sees the effects of a period before asserting.
 */
export class ManualClock implements Clock, Ticker {
  private current: number;
  private readonly periodics: Periodic[] = [];

  public constructor(start = 1_000_000) {
    this.current = start;
  }

  public now(): number {
    return this.current;
  }

  public every(periodMs: number, tick: () => void | Promise<void>): TickHandle {
    if (!(periodMs > 0))
      throw new Error(`ManualClock.every: period must be positive, got ${periodMs}`);
    const entry: Periodic = { periodMs, tick, next: this.current + periodMs, cancelled: false };
    this.periodics.push(entry);
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  /** Number of live periodic callbacks. */
  public get activeTickers(): number {
    return this.periodics.filter((p) => !p.cancelled).length;
  }

  /** Moves time forward by `ms`, firing (and awaiting) every tick that falls due, in order. */
  public async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      const due = this.periodics
        .filter((p) => !p.cancelled && p.next <= target)
        .sort((a, b) => a.next - b.next)[0];
      if (due === undefined) break;
      this.current = due.next;
      due.next += due.periodMs;
      await due.tick();
    }
    this.current = target;
  }
}
