import { describe, expect, it } from 'vitest';
import { IntervalTicker } from '../../../src/adapters/system/IntervalTicker.js';

describe(IntervalTicker.name, () => {
  it('ticks repeatedly until cancelled', async () => {
    let ticks = 0;
    const handle = new IntervalTicker().every(10, () => {
      ticks += 1;
    });
    await new Promise((r) => setTimeout(r, 200));
    handle.cancel();
    const atCancel = ticks;
    await new Promise((r) => setTimeout(r, 60));
    expect([atCancel >= 2, ticks]).toEqual([true, atCancel]);
  });

  it('survives a rejecting tick', async () => {
    let ticks = 0;
    const handle = new IntervalTicker().every(10, async () => {
      ticks += 1;
      throw new Error('boom');
    });
    await new Promise((r) => setTimeout(r, 100));
    handle.cancel();
    expect(ticks).toBeGreaterThanOrEqual(2);
  });
});
