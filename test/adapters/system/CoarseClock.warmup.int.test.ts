import { describe, expect, it } from 'vitest';
import { CoarseClock } from '../../../src/adapters/system/CoarseClock.js';

// A file of its own: the ticker is one per process (per test file here), and this needs none yet.
describe(`${CoarseClock.name} warm-up`, () => {
  it('starts the ticker when told dense reads are coming, and resolves once it ticks', async () => {
    const clock = new CoarseClock({ denseReads: 1_000_000 });
    expect(CoarseClock.tickerState()).toBe('none');
    expect(clock.ticking).toBe(false);
    const ready = clock.expectDenseReads();
    expect(clock.ticking).toBe(true);
    await ready;
    expect(['ticking', 'asleep']).toContain(CoarseClock.tickerState());
    const before = Date.now();
    const t = clock.now();
    expect(t).toBeGreaterThan(before - 1000);
    expect(t).toBeLessThanOrEqual(Date.now());
  });
});
