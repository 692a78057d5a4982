import type { Logger } from '../../ports/Logger.js';
import type { Ticker, TickHandle } from '../../ports/Ticker.js';

/**
 * Ticks with `setInterval`; the timers are unref'd so a forgotten poller never keeps Node alive.
 * A tick's rejection is logged (when a logger is given), never thrown.
 */
export class IntervalTicker implements Ticker {
  public constructor(private readonly logger?: Logger) {}

  public every(periodMs: number, tick: () => void | Promise<void>): TickHandle {
    const timer = setInterval(() => {
      Promise.resolve()
        .then(tick)
        .catch((error: unknown) =>
          this.logger?.error(`IntervalTicker: tick failed: ${String(error)}`),
        );
    }, periodMs);
    timer.unref();
    return { cancel: () => clearInterval(timer) };
  }
}
