import { describe, expect, it } from 'vitest';
import { TaskQueue } from '../../../../src/adapters/executors/htex/TaskQueue.js';

describe(TaskQueue.name, () => {
  it('is FIFO across compactions', () => {
    const queue = new TaskQueue();
    for (let i = 0; i < 5000; i += 1) queue.push(Buffer.from(String(i)));
    const out: string[] = [];
    for (let i = 0; i < 3000; i += 1) out.push(String(queue.shift()));
    queue.push(Buffer.from('last'));
    expect(out[2999]).toBe('2999');
    expect(queue.length).toBe(2001);
    expect(String(queue.shift())).toBe('3000');
  });

  it('puts requeued frames back at the front in order', () => {
    const queue = new TaskQueue();
    queue.push(Buffer.from('c'));
    queue.unshiftAll([Buffer.from('a'), Buffer.from('b')]);
    expect(
      [queue.shift(), queue.shift(), queue.shift(), queue.shift()].map((b) => b?.toString()),
    ).toEqual(['a', 'b', 'c', undefined]);
  });
});
