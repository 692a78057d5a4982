import { describe, expect, it } from 'vitest';
import { CoarseClock } from '../../../src/adapters/system/CoarseClock.js';

const until = async (cond: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
};

describe(CoarseClock.name, () => {
  it('reads Date.now() while reads are sparse and starts no ticker', () => {
    const clock = new CoarseClock({ denseReads: 4, denseWindowMs: 0 });
    const before = Date.now();
    const t = clock.now();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
    expect(clock.ticking).toBe(false);
  });

  it('switches to the ticker under dense reads; times never go backwards nor ahead of Date.now()', async () => {
    const clock = new CoarseClock({ denseReads: 64, denseWindowMs: 1000 });
    let last = 0;
    let backwards = 0;
    let ahead = 0;
    const readMany = (n: number): void => {
      for (let i = 0; i < n; i += 1) {
        const t = clock.now();
        if (t < last) backwards += 1;
        if (t > Date.now()) ahead += 1;
        last = t;
      }
    };
    readMany(1000);
    expect(clock.ticking).toBe(true);
    // the ticker thread takes a moment to start; reads keep working meanwhile
    const start = clock.now();
    await until(() => {
      readMany(100);
      return clock.now() > start;
    });
    readMany(100_000);
    await new Promise((r) => setTimeout(r, 30));
    const afterPause = clock.now();
    readMany(10_000);
    expect(backwards).toBe(0);
    expect(ahead).toBe(0);
    expect(afterPause).toBeGreaterThan(start);
  });

  it('keeps dense reads within a millisecond of Date.now() between ticks (one read in 16 refreshes)', async () => {
    const clock = new CoarseClock();
    await clock.expectDenseReads();
    const lags: number[] = [];
    const end = Date.now() + 50;
    while (Date.now() < end) {
      for (let i = 0; i < 64; i += 1) {
        const t = clock.now();
        lags.push(Date.now() - t);
      }
    }
    lags.sort((a, b) => a - b);
    // The ticker alone (every 4 ms) would leave most reads 1-4 ms behind.
    expect(lags[Math.floor(lags.length * 0.99)]).toBeLessThanOrEqual(1);
    expect(lags[0]).toBeGreaterThanOrEqual(0);
  });

  it('keeps working after the ticker fell asleep (the next read wakes it)', async () => {
    const clock = new CoarseClock({ denseReads: 64, denseWindowMs: 1000 });
    for (let i = 0; i < 1000; i += 1) clock.now();
    await until(() => CoarseClock.tickerState() === 'asleep'); // after 200 ticks without reads
    expect(CoarseClock.tickerState()).toBe('asleep');
    const before = Date.now();
    const t = clock.now();
    expect(t).toBeGreaterThanOrEqual(before);
    await new Promise((r) => setTimeout(r, 20));
    expect(clock.now()).toBeGreaterThan(t);
    expect(CoarseClock.tickerState()).not.toBe('asleep');
  });

  it("uses the process's ticker from the first read once one exists (a new kernel in the same process)", () => {
    const clock = new CoarseClock({ denseReads: 1_000_000 });
    expect(clock.ticking).toBe(true);
    const before = Date.now();
    const t = clock.now();
    expect(t).toBeGreaterThan(before - 1000);
    expect(t).toBeLessThanOrEqual(Date.now());
  });
});
