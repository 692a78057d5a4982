import { describe, expect, it } from 'vitest';
import { SubmitQueue } from '../../../../src/adapters/executors/htex/SubmitQueue.js';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('SubmitQueue', () => {
  it('encodes a lone task at the end of the synchronous run, not later', async () => {
    const sent: string[] = [];
    const queue = new SubmitQueue<string>(
      (task, id) => Buffer.from(`${id}:${task}`),
      (frame) => sent.push(frame.toString()),
      () => undefined,
    );
    queue.push(1, 'a');
    expect(sent).toEqual([]);
    await Promise.resolve();
    expect(sent).toEqual(['1:a']);
  });

  it('fails only the task whose encoding throws, and keeps the order of the others', async () => {
    const sent: string[] = [];
    const failed: Array<[number, string]> = [];
    const queue = new SubmitQueue<string>(
      (task, id) => {
        if (task === 'bad') throw new Error(`cannot encode ${id}`);
        return Buffer.from(task);
      },
      (frame) => sent.push(frame.toString()),
      (id, error) => failed.push([id, (error as Error).message]),
    );
    for (const [id, task] of [
      [1, 'a'],
      [2, 'bad'],
      [3, 'c'],
    ] as const)
      queue.push(id, task);
    await turn();
    expect(sent).toEqual(['a', 'c']);
    expect(failed).toEqual([[2, 'cannot encode 2']]);
  });

  it('encodes a big burst in slices across loop turns, all of it in order', async () => {
    const sent: number[] = [];
    const queue = new SubmitQueue<number>(
      (task) => Buffer.alloc(1024 * 1024, task),
      (frame) => sent.push(frame[0] ?? -1),
      () => undefined,
    );
    for (let i = 0; i < 10; i += 1) queue.push(i + 1, i);
    await Promise.resolve();
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThan(10);
    for (let i = 0; i < 10 && sent.length < 10; i += 1) await turn();
    expect(sent).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('drops what is not encoded yet on clear', async () => {
    const sent: number[] = [];
    const queue = new SubmitQueue<number>(
      (task) => Buffer.from([task]),
      (frame) => sent.push(frame[0] ?? -1),
      () => undefined,
    );
    queue.push(1, 1);
    queue.clear();
    queue.push(2, 2);
    await turn();
    expect(sent).toEqual([2]);
  });
});
