import { describe, expect, it } from 'vitest';
import { CoarseClock } from '../../../src/adapters/system/CoarseClock.js';

// A file of its own: the ticker is one per process (per test file here), and this needs none yet.
describe(`${CoarseClock.name} warm-up`, () => {
  it('starts the ticker when told dense reads are coming, before any read', async () => {
    const clock = new CoarseClock({ denseReads: 1_000_000 });
    expect(CoarseClock.tickerState()).toBe('none');
    expect(clock.ticking).toBe(false);
    clock.expectDenseReads();
    expect(clock.ticking).toBe(true);
    const end = Date.now() + 5000;
    while (CoarseClock.tickerState() === 'starting' && Date.now() < end)
      await new Promise((r) => setTimeout(r, 5));
    expect(['ticking', 'asleep']).toContain(CoarseClock.tickerState());
    const before = Date.now();
    const t = clock.now();
    expect(t).toBeGreaterThan(before - 1000);
    expect(t).toBeLessThanOrEqual(Date.now());
  });
});
