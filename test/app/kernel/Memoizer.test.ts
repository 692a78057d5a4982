import { describe, expect, it } from 'vitest';
import {
  appIdentity,
  type EveryFn,
  Memoizer,
  type MemoizerOptions,
  type MemoLookup,
  type MemoTask,
} from '../../../src/app/kernel/Memoizer.js';
import { ConfigurationError } from '../../../src/domain/errors/ConfigurationError.js';
import { BadCheckpoint, KernelClosedError } from '../../../src/domain/errors/KernelErrors.js';
import {
  CheckpointWriteError,
  UnhashableArgumentError,
} from '../../../src/domain/errors/MemoErrors.js';
import { idForMemo } from '../../../src/ports/IdForMemo.js';
import { FakeCheckpointStore } from '../../fakes/FakeCheckpointStore.js';
import { RecordingLogger } from '../../support/RecordingLogger.js';

const square = (x: number): number => x * x;
const SQUARE = appIdentity('square', square);

let nextId = 0;
const task = (args: unknown[], extra: Partial<MemoTask> = {}): MemoTask => ({
  id: nextId++,
  appName: 'square',
  appIdentity: SQUARE,
  cache: true,
  args,
  ignoreForCache: [],
  ...extra,
});

/** A manual `every`: the test fires the callback. */
class ManualEvery {
  public readonly timers: { ms: number; callback: () => void; stopped: boolean }[] = [];
  public readonly every: EveryFn = (ms, callback) => {
    const timer = { ms, callback, stopped: false };
    this.timers.push(timer);
    return () => {
      timer.stopped = true;
    };
  };
}

const setup = (
  options: Partial<MemoizerOptions> = {},
  store = new FakeCheckpointStore('/run/001'),
) => {
  const logger = new RecordingLogger();
  const clock = { t: 1_000, now: () => clock.t };
  const timers = new ManualEvery();
  const memo = new Memoizer(
    { appCache: true, checkpointFiles: [], runDir: '/run/001', dedupeInFlight: false, ...options },
    store,
    [],
    logger,
    clock,
    timers.every,
  );
  return { memo, store, logger, clock, timers };
};

const keyOf = (lookup: MemoLookup): string => {
  if (lookup.kind === 'off') throw new Error('expected a key');
  return lookup.key;
};

/** Runs a task to success through the memoizer (miss, then record). */
const complete = (memo: Memoizer, args: unknown[], value: unknown): void => {
  const t = task(args);
  memo.recordSuccess(keyOf(memo.lookup(t)), t, value);
};

describe(Memoizer.name, () => {
  describe('.lookup', () => {
    it('is off for an app without cache', () => {
      expect(setup().memo.lookup(task([1], { cache: false }))).toEqual({ kind: 'off' });
    });

    it('is off for every app when appCache is false', () => {
      expect(setup({ appCache: false }).memo.lookup(task([1]))).toEqual({ kind: 'off' });
    });

    it('misses, then hits with the recorded value', () => {
      const { memo } = setup();
      const t = task([3]);
      const first = memo.lookup(t);
      expect(first.kind).toBe('miss');
      memo.recordSuccess(keyOf(first), t, 9);
      expect(memo.lookup(task([3]))).toEqual({ kind: 'hit', key: keyOf(first), value: 9 });
    });

    it('tells a cached undefined result apart from a miss', () => {
      const { memo } = setup();
      complete(memo, [1], undefined);
      expect(memo.lookup(task([1])).kind).toBe('hit');
    });

    it('does not store failures', () => {
      const { memo } = setup();
      const t = task([2]);
      memo.recordFailure(keyOf(memo.lookup(t)), t, new Error('boom'));
      expect(memo.lookup(task([2])).kind).toBe('miss');
    });

    it('misses for an edited app (same name, new source)', () => {
      const { memo } = setup();
      complete(memo, [4], 16);
      const edited = appIdentity('square', (x: number): number => x ** 2);
      expect(memo.lookup(task([4], { appIdentity: edited })).kind).toBe('miss');
    });

    it('throws UnhashableArgumentError for an unknown class', () => {
      class Matrix {}
      expect(() => setup().memo.lookup(task([new Matrix()]))).toThrow(UnhashableArgumentError);
    });

    it('uses registered idForMemo key functions', () => {
      class Matrix {
        public constructor(public readonly id: string) {}
      }
      const store = new FakeCheckpointStore('/r');
      const clock = { now: () => 0 };
      const memo = new Memoizer(
        { appCache: true, checkpointFiles: [], runDir: '/r', dedupeInFlight: false },
        store,
        [idForMemo(Matrix, (m) => m.id)],
        new RecordingLogger(),
        clock,
      );
      const t = task([new Matrix('a')]);
      memo.recordSuccess(keyOf(memo.lookup(t)), t, 'A');
      expect(memo.lookup(task([new Matrix('a')]))).toMatchObject({ kind: 'hit', value: 'A' });
      expect(memo.lookup(task([new Matrix('b')])).kind).toBe('miss');
    });

    it('rejects a bad ignoreForCache entry with a ConfigurationError', () => {
      expect(() => setup().memo.lookup(task([1], { ignoreForCache: ['stdin'] }))).toThrow(
        ConfigurationError,
      );
    });
  });

  describe('concurrent identical calls (Parsl parity: no collapsing)', () => {
    it('lets three identical calls in flight all run; a later call hits', () => {
      const { memo } = setup();
      const calls = [task([5]), task([5]), task([5])].map((t) => ({ t, l: memo.lookup(t) }));
      expect(calls.map((c) => c.l.kind)).toEqual(['miss', 'miss', 'miss']);
      for (const c of calls) memo.recordSuccess(keyOf(c.l), c.t, 25);
      expect(memo.lookup(task([5])).kind).toBe('hit');
    });
  });

  describe('with dedupeInFlight', () => {
    it('shares the running execution with identical calls', async () => {
      const { memo } = setup({ dedupeInFlight: true });
      const first = task([6]);
      const miss = memo.lookup(first);
      const shared = memo.lookup(task([6]));
      expect(shared.kind).toBe('shared');
      memo.recordSuccess(keyOf(miss), first, 36);
      await expect(shared.kind === 'shared' ? shared.result : undefined).resolves.toBe(36);
      expect(memo.stats).toMatchObject({ misses: 1, shared: 1 });
    });

    it('fails sharers with the execution error, and the next call runs again', async () => {
      const { memo } = setup({ dedupeInFlight: true });
      const first = task([7]);
      const miss = memo.lookup(first);
      const shared = memo.lookup(task([7]));
      memo.recordFailure(keyOf(miss), first, new Error('worker lost'));
      await expect(shared.kind === 'shared' ? shared.result : undefined).rejects.toThrow(
        'worker lost',
      );
      expect(memo.lookup(task([7])).kind).toBe('miss');
    });

    it('fails sharers still waiting at close with KernelClosedError', async () => {
      const { memo } = setup({ dedupeInFlight: true });
      memo.lookup(task([8]));
      const shared = memo.lookup(task([8]));
      await memo.close();
      await expect(shared.kind === 'shared' ? shared.result : undefined).rejects.toThrow(
        KernelClosedError,
      );
    });

    it('ignores the outcome a sharer reports itself: no release of others, no duplicate record', async () => {
      const { memo, store } = setup({ dedupeInFlight: true, checkpointMode: 'manual' });
      const owner = task([9]);
      const sharer = task([9]);
      const miss = memo.lookup(owner);
      const shared = memo.lookup(sharer);
      memo.recordFailure(keyOf(shared), sharer, new Error('sharer failed on its own'));
      expect(memo.lookup(task([9])).kind).toBe('shared');
      memo.recordSuccess(keyOf(miss), owner, 81);
      const value = await (shared.kind === 'shared' ? shared.result : undefined);
      memo.recordSuccess(keyOf(shared), sharer, value);
      await memo.checkpoint();
      expect(store.held().map((r) => [r.taskId, r.value])).toEqual([[owner.id, 81]]);
    });

    it('does not share calls of different arguments', () => {
      const { memo } = setup({ dedupeInFlight: true });
      memo.lookup(task([1]));
      expect(memo.lookup(task([2])).kind).toBe('miss');
    });
  });

  describe('.start', () => {
    it('loads checkpointFiles; the newest record of a key wins, whatever the file order', async () => {
      const { memo: writer, store } = setup({ checkpointMode: 'manual' });
      const t = task([9]);
      const key = keyOf(writer.lookup(t));
      await store.write([
        { key, appName: 'square', taskId: 1, completedAt: 200, value: 'newer' },
        { key, appName: 'square', taskId: 2, completedAt: 100, value: 'older' },
      ]);
      const { memo, logger } = setup(
        { checkpointFiles: ['/run/001/checkpoint'] },
        new FakeCheckpointStore('/run/002', store.disk),
      );
      await memo.start();
      expect(memo.lookup(task([9]))).toMatchObject({ kind: 'hit', value: 'newer' });
      expect(logger.messages('info').join('\n')).toMatch(
        /using 1 checkpointed results \(2 records\)/,
      );
    });

    it('fails with BadCheckpoint and loads nothing from a damaged checkpoint', async () => {
      const store = new FakeCheckpointStore('/run/002').corrupt('/run/001', 42);
      const { memo } = setup({ checkpointFiles: ['/run/001'] }, store);
      await expect(memo.start()).rejects.toThrow(BadCheckpoint);
    });

    it('loads nothing and warns when appCache is false', async () => {
      const { memo, store, logger } = setup({ appCache: false, checkpointFiles: ['/run/000'] });
      await memo.start();
      expect(store.loads).toEqual([]);
      expect(logger.messages('warn').join('\n')).toMatch(/appCache is false/);
    });
  });

  describe("checkpointMode 'task_exit'", () => {
    it('checkpoints each success without being asked', async () => {
      const { memo, store } = setup({ checkpointMode: 'task_exit' });
      complete(memo, [1], 1);
      await memo.whenCheckpointed();
      expect(store.held().map((r) => r.value)).toEqual([1]);
    });

    it('group-commits: successes recorded during a write go into one next write', async () => {
      const { memo, store } = setup({ checkpointMode: 'task_exit' });
      const release = store.pauseWrites();
      complete(memo, [1], 1);
      await new Promise((resolve) => setImmediate(resolve));
      for (let i = 2; i <= 5; i++) complete(memo, [i], i);
      release();
      await memo.whenCheckpointed();
      expect(store.writes.map((w) => w.map((r) => r.value))).toEqual([[1], [2, 3, 4, 5]]);
    });

    it('logs a failed write and retries its records with the next one', async () => {
      const { memo, store, logger } = setup({ checkpointMode: 'task_exit' });
      store.failNextWrite(new CheckpointWriteError('/run/001/checkpoint/000001.ckpt', 'ENOSPC'));
      complete(memo, [1], 1);
      await memo.whenCheckpointed();
      expect(logger.messages('error').join('\n')).toMatch(/ENOSPC.*1 results wait/);
      complete(memo, [2], 2);
      await memo.whenCheckpointed();
      expect(store.held().map((r) => r.value)).toEqual([1, 2]);
    });
  });

  describe("checkpointMode 'periodic'", () => {
    it('checkpoints what finished since the last period, every checkpointPeriod', async () => {
      const { memo, store, timers } = setup({
        checkpointMode: 'periodic',
        checkpointPeriod: '00:01:30',
      });
      await memo.start();
      expect(timers.timers.map((t) => t.ms)).toEqual([90_000]);
      complete(memo, [1], 1);
      expect(store.writes).toEqual([]);
      timers.timers[0]?.callback();
      await memo.whenCheckpointed();
      await new Promise((resolve) => setImmediate(resolve));
      expect(store.held().map((r) => r.value)).toEqual([1]);
      complete(memo, [2], 2);
      await memo.close();
      expect(timers.timers[0]?.stopped).toBe(true);
      expect(store.writes.map((w) => w.map((r) => r.value))).toEqual([[1], [2]]);
    });

    it.each([
      [undefined, /needs checkpointPeriod/],
      ['1h', /HH:MM:SS/],
      ['00:00:00', /is zero/],
    ])('refuses checkpointPeriod %s', (period, message) => {
      const options = period === undefined ? {} : { checkpointPeriod: period };
      expect(() => setup({ checkpointMode: 'periodic', ...options })).toThrow(message);
    });
  });

  describe("checkpointMode 'dfk_exit'", () => {
    it('writes one checkpoint with every success at close, none before', async () => {
      const { memo, store } = setup({ checkpointMode: 'dfk_exit' });
      complete(memo, [1], 1);
      complete(memo, [2], 2);
      await new Promise((resolve) => setImmediate(resolve));
      expect(store.writes).toEqual([]);
      await memo.close();
      expect(store.writes.map((w) => w.map((r) => r.value))).toEqual([[1, 2]]);
      expect(store.closeCalls).toBe(1);
    });
  });

  describe("checkpointMode 'manual'", () => {
    it('writes on checkpoint() only, incrementally, and returns the directory', async () => {
      const { memo, store } = setup({ checkpointMode: 'manual' });
      complete(memo, [1], 1);
      expect(await memo.checkpoint()).toBe('/run/001/checkpoint');
      complete(memo, [2], 2);
      await memo.checkpoint();
      await memo.checkpoint();
      complete(memo, [3], 3);
      await memo.close();
      expect(store.writes.map((w) => w.map((r) => r.value))).toEqual([[1], [2]]);
    });

    it('behaves the same when no mode is set', async () => {
      const { memo, store } = setup();
      complete(memo, [1], 1);
      await memo.close();
      expect(store.writes).toEqual([]);
    });
  });

  it('warns about results it cannot checkpoint and keeps them in memory', async () => {
    const { memo, logger } = setup({ checkpointMode: 'manual' });
    complete(memo, [1], () => 'a function');
    await memo.checkpoint();
    expect(logger.messages('warn').join('\n')).toMatch(
      /task \d+ \(app square\) cannot be checkpointed/,
    );
    expect(memo.lookup(task([1])).kind).toBe('hit');
  });
});
