import { Worker } from 'node:worker_threads';
import type { Clock } from '../../ports/Clock.js';

/** Options of {@link CoarseClock}. */
export interface CoarseClockOptions {
  /** The shared ticker starts once this many reads happen within `denseWindowMs`. @default 1024 */
  readonly denseReads?: number;
  /** @default 100 */
  readonly denseWindowMs?: number;
}

/**
 * The ticker's period. Each tick wakes a thread; at 1 ms those wake-ups compete with the garbage
 * collector's helper threads on a 2-core machine: monitoring cost a burst of no-op tasks ~9 %,
 * against ~6 % at 4 ms (8 and 16 ms were no better). Reads stay close to the millisecond anyway:
 * see REFRESH_READS.
 */
const TICK_MS = 4;
/** Every this many reads, a read takes Date.now() itself (a power of two). */
const REFRESH_READS = 16;
/** Ticks without a read after which the ticker sleeps until the next read (~200 ms). */
const IDLE_TICKS = Math.ceil(200 / TICK_MS);
const TICKING = 0;
const ASLEEP = 1;
/** Until the ticker thread wrote its first value, reads use Date.now(). */
const STARTING = 2;
// flags: [0] ticker state, [1] read since the last tick, [2] the word the ticker waits on
const TICKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const now = new Float64Array(workerData, 0, 1);
const flags = new Int32Array(workerData, 8, 3);
now[0] = Date.now();
Atomics.compareExchange(flags, 0, ${STARTING}, ${TICKING});
parentPort.postMessage('ticking');
let idle = 0;
for (;;) {
  now[0] = Date.now();
  Atomics.compareExchange(flags, 0, ${STARTING}, ${TICKING});
  if (Atomics.exchange(flags, 1, 0) === 0) idle += 1; else idle = 0;
  if (idle > ${IDLE_TICKS} && Atomics.compareExchange(flags, 0, ${TICKING}, ${ASLEEP}) === ${TICKING}) {
    while (Atomics.load(flags, 0) === ${ASLEEP}) Atomics.wait(flags, 0, ${ASLEEP}, 1000);
    idle = 0;
  } else {
    Atomics.wait(flags, 2, 0, ${TICK_MS});
  }
}
`;

interface Ticker {
  readonly now: Float64Array;
  readonly flags: Int32Array;
  /** Settles once the thread ticks, fails, or after READY_TIMEOUT_MS. */
  readonly ready: Promise<void>;
}

/** How long `expectDenseReads()` waits at most for the ticker thread to start. */
const READY_TIMEOUT_MS = 2000;

/** One ticker thread per process, shared by every CoarseClock; it sleeps while nobody reads. */
let shared: Ticker | undefined;

const startTicker = (): Ticker => {
  const buffer = new SharedArrayBuffer(8 + 3 * 4);
  const now = new Float64Array(buffer, 0, 1);
  now[0] = Date.now();
  const flags = new Int32Array(buffer, 8, 3);
  flags[0] = STARTING;
  // Without its ticker thread the clock keeps reading Date.now() (the state stays STARTING).
  let ready = Promise.resolve();
  try {
    const worker = new Worker(TICKER_SOURCE, { eval: true, workerData: buffer });
    worker.unref();
    ready = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, READY_TIMEOUT_MS);
      timer.unref();
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      worker.once('message', done);
      worker.once('error', done);
      worker.once('exit', done);
    });
    worker.on('error', () => Atomics.store(flags, 0, STARTING));
  } catch {
    // e.g. no threads left: Date.now() it is
  }
  return { now, flags, ready };
};

/**
 * The wall clock for hot paths: while reads are dense (thousands per second, e.g. monitoring
 * stamping every task-state change), one read in 16 calls `Date.now()` (60-90 ns on these VMs) and
 * the others cost a few nanoseconds: they return the later of that value and the one a ticker
 * thread stores in shared memory every 4 ms. Otherwise, and until the ticker runs, every read is
 * `Date.now()`. Values never go backwards; a read lags real time by no more than the time the
 * last 16 reads took, and never by more than one tick (4 ms, more only when the machine starves
 * the ticker thread). The ticker sleeps 200 ms after the last read and never keeps the process alive.
 */
export class CoarseClock implements Clock {
  /**
   * The last value returned, held as a tagged number (an array of mixed elements, never a double
   * field): returning it again hands out the same heap number, so a burst of reads within one
   * millisecond allocates nothing even where the caller is not inlined with `now()`.
   */
  private readonly last: unknown[] = [0, undefined];
  private reads = 0;
  private windowStart = 0;
  private ticker: Ticker | undefined;

  /** A clock made once the process has a ticker (a new kernel in a long-lived process) uses it at once. */
  public constructor(private readonly options: CoarseClockOptions = {}) {
    this.ticker = shared;
  }

  /** The process's ticker thread: not started, starting, ticking or asleep (for tests and logs). */
  public static tickerState(): 'none' | 'starting' | 'ticking' | 'asleep' {
    if (shared === undefined) return 'none';
    const state = Atomics.load(shared.flags, 0);
    return state === TICKING ? 'ticking' : state === ASLEEP ? 'asleep' : 'starting';
  }

  /** True once this clock reads the shared ticker (awake or asleep). */
  public get ticking(): boolean {
    return this.ticker !== undefined;
  }

  public now(): number {
    const ticker = this.ticker;
    let t: number;
    if (ticker !== undefined && ticker.flags[0] === TICKING) {
      if (ticker.flags[1] === 0) ticker.flags[1] = 1;
      // Dense reads refresh the time themselves (70 ns once per 16 reads); the ticker only bounds
      // how stale a read can be after a long stretch without reads.
      t = (++this.reads & (REFRESH_READS - 1)) === 0 ? Date.now() : (ticker.now[0] ?? Date.now());
    } else {
      t = Date.now();
      if (ticker !== undefined) wake(ticker, t);
      else if (++this.reads % (this.options.denseReads ?? 1024) === 0) this.maybeStart(t);
    }
    const last = this.last[0] as number;
    if (t > last) this.last[0] = t;
    return this.last[0] as number;
  }

  /**
   * Starts the process's ticker thread now (booting a thread takes tens of milliseconds of CPU,
   * better spent before a burst than during it); resolves once it ticks (at most 2 s).
   */
  public expectDenseReads(): Promise<void> {
    shared ??= startTicker();
    this.ticker = shared;
    return shared.ready;
  }

  private maybeStart(t: number): void {
    const dense = t - this.windowStart <= (this.options.denseWindowMs ?? 100);
    this.windowStart = t;
    if (dense) {
      shared ??= startTicker();
      this.ticker = shared;
    }
  }
}

const wake = (ticker: Ticker, t: number): void => {
  // A plain read first: while the ticker thread starts, every read comes here.
  if (ticker.flags[0] !== ASLEEP) return;
  if (Atomics.compareExchange(ticker.flags, 0, ASLEEP, TICKING) === ASLEEP) {
    ticker.now[0] = t;
    ticker.flags[1] = 1;
    Atomics.notify(ticker.flags, 0);
  }
};
