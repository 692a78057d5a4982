import { describe, expect, it } from 'vitest';
import { ManualClock } from './ManualClock.js';

describe(ManualClock.name, () => {
  it('fires due ticks in time order and awaits each', async () => {
    const clock = new ManualClock(0);
    const log: string[] = [];
    clock.every(300, async () => {
      await Promise.resolve();
      log.push(`a@${clock.now()}`);
    });
    clock.every(200, () => {
      log.push(`b@${clock.now()}`);
    });
    await clock.advance(650);
    expect([log, clock.now()]).toEqual([['b@200', 'a@300', 'b@400', 'a@600', 'b@600'], 650]);
  });

  it('stops a cancelled ticker', async () => {
    const clock = new ManualClock(0);
    let ticks = 0;
    const handle = clock.every(10, () => {
      ticks += 1;
    });
    await clock.advance(25);
    handle.cancel();
    await clock.advance(100);
    expect(ticks).toBe(2);
  });
});
