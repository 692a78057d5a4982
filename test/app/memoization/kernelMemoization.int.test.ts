import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ContainerModule } from 'inversify';
import { afterEach, describe, expect, it } from 'vitest';
import type { DataFlowKernel, ParslConfigInput } from '../../../src/index.js';
import { app, TOKENS, UnhashableArgumentError } from '../../../src/index.js';
import { idForMemo } from '../../../src/ports/IdForMemo.js';
import { tempDir } from '../../support/tempRunDir.js';
import { loadTestKernel } from '../../support/testKernel.js';

const kernels: DataFlowKernel[] = [];
const open = async (
  config: ParslConfigInput = {},
  overrides?: ContainerModule,
): Promise<DataFlowKernel> => {
  const kernel = await loadTestKernel(
    config,
    overrides === undefined ? {} : { overrides: [overrides] },
  );
  kernels.push(kernel);
  return kernel;
};

/** Final states reached, by task id. */
const finalStates = (kernel: DataFlowKernel): Map<number, string> => {
  const states = new Map<number, string>();
  kernel.events$.subscribe((event) => {
    if (event.type === 'task-state') states.set(event.taskId, event.to);
  });
  return states;
};

const waitFor = async (condition: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 500 && !condition(); i++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
};

afterEach(async () => {
  for (const kernel of kernels.splice(0)) await kernel.cleanup();
});

describe('memoization through the kernel', () => {
  it('serves a repeated call from the cache (memo_done) without running it', async () => {
    const kernel = await open();
    const states = finalStates(kernel);
    let runs = 0;
    const add = app((a: number, b: { c: number }) => ++runs && a + b.c, { kernel, cache: true });
    expect(await add(1, { c: 2 })).toBe(3);
    const again = add(1, { c: 2 });
    expect(await again).toBe(3);
    expect(runs).toBe(1);
    expect(states.get(again.taskId)).toBe('memo_done');
  });

  it('runs three identical calls in flight three times (Parsl: no collapsing), a later one not at all', async () => {
    const kernel = await open();
    let runs = 0;
    const slow = app(
      async (x: number) => {
        runs++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return x;
      },
      { kernel, cache: true },
    );
    await Promise.all([slow(1), slow(1), slow(1)]);
    expect(runs).toBe(3);
    await slow(1);
    expect(runs).toBe(3);
  });

  it('runs identical calls in flight once with dedupeInFlight', async () => {
    const kernel = await open({ dedupeInFlight: true });
    let runs = 0;
    const slow = app(
      async (x: number) => {
        runs++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return [x];
      },
      { kernel, cache: true },
    );
    const results = await Promise.all([slow(1), slow(1), slow(1)]);
    expect(runs).toBe(1);
    expect(results).toEqual([[1], [1], [1]]);
  });

  it('does not cache failures', async () => {
    const kernel = await open();
    let runs = 0;
    const flaky = app(
      (x: number) => {
        runs++;
        if (runs === 1) throw new Error('first call fails');
        return x;
      },
      { kernel, cache: true },
    );
    await expect(flaky(1)).rejects.toThrow('first call fails');
    expect(await flaky(1)).toBe(1);
    expect(runs).toBe(2);
  });

  it('runs every call when appCache is false', async () => {
    const kernel = await open({ appCache: false });
    let runs = 0;
    const f = app((x: number) => ++runs && x, { kernel, cache: true });
    await f(1);
    await f(1);
    expect(runs).toBe(2);
  });

  it('fails a task with an unhashable argument with the clear error', async () => {
    const kernel = await open();
    class Matrix {}
    const f = app(
      function invert(_m: Matrix) {
        return 1;
      },
      { kernel, cache: true },
    );
    const error = await f(new Matrix()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnhashableArgumentError);
    expect((error as Error).message).toMatch(
      /app invert .* argument args\[0\] is a Matrix.*idForMemo\(Matrix/,
    );
  });

  it('keys user types with an IdForMemo bound in the container', async () => {
    class Point {
      public constructor(
        public readonly x: number,
        public readonly y: number,
      ) {}
    }
    const kernel = await open(
      {},
      new ContainerModule(({ bind }) => {
        bind(TOKENS.IdForMemo).toConstantValue(idForMemo(Point, (p) => [p.x, p.y]));
      }),
    );
    let runs = 0;
    const norm = app((p: Point) => ++runs && Math.hypot(p.x, p.y), { kernel, cache: true });
    expect(await norm(new Point(3, 4))).toBe(5);
    expect(await norm(new Point(3, 4))).toBe(5);
    expect(runs).toBe(1);
  });

  it("'manual': kernel.checkpoint() returns the directory, and a new kernel loading it gets hits", async () => {
    const runDir = tempDir('memo-manual-');
    const first = await open({ runDir, checkpointMode: 'manual' });
    let runs = 0;
    const fn = function cube(x: number): bigint {
      runs++;
      return BigInt(x) ** 3n;
    };
    await app(fn, { kernel: first, cache: true })(5);
    const dir = await first.checkpoint();
    expect(dir).toBe(join(first.runDir, 'checkpoint'));
    expect(readdirSync(dir)).toEqual(['000001.ckpt']);
    const second = await open({ runDir, checkpointFiles: [dir] });
    expect(await app(fn, { kernel: second, cache: true })(5)).toBe(125n);
    expect(runs).toBe(1);
  });

  it("'task_exit': a finished task is checkpointed while the kernel runs", async () => {
    const kernel = await open({ checkpointMode: 'task_exit' });
    await app((x: number) => x, { kernel, cache: true })(1);
    const dir = join(kernel.runDir, 'checkpoint');
    await waitFor(() => existsSync(dir) && readdirSync(dir).length === 1, 'the checkpoint file');
  });

  it("'dfk_exit': nothing is written before cleanup, everything at cleanup", async () => {
    const kernel = await open({ checkpointMode: 'dfk_exit' });
    const f = app((x: number) => x, { kernel, cache: true });
    await Promise.all([f(1), f(2), f(3)]);
    const dir = join(kernel.runDir, 'checkpoint');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(dir)).toBe(false);
    await kernel.cleanup();
    expect(readdirSync(dir)).toEqual(['000001.ckpt']);
  });

  it("'periodic': a checkpoint appears without cleanup or checkpoint()", async () => {
    const kernel = await open({ checkpointMode: 'periodic', checkpointPeriod: '00:00:01' });
    await app((x: number) => x, { kernel, cache: true })(1);
    const dir = join(kernel.runDir, 'checkpoint');
    await waitFor(
      () => existsSync(dir) && readdirSync(dir).length === 1,
      'the periodic checkpoint',
    );
  });
});
