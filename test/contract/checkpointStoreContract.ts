import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BadCheckpoint } from '../../src/domain/errors/KernelErrors.js';
import { File } from '../../src/domain/staging/File.js';
import type { CheckpointRecord, CheckpointStore } from '../../src/ports/CheckpointStore.js';

/** A fresh store on an empty run directory, a way to open another store on it, and cleanup. */
export interface CheckpointStoreUnderTest {
  readonly store: CheckpointStore;
  readonly runDir: string;
  /** Another store on the same run directory (a later process of the same run). */
  readonly reopen: () => CheckpointStore;
  readonly cleanup: () => Promise<void>;
}

let nextTask = 0;
const record = (value: unknown, key = `key-${nextTask}`): CheckpointRecord => ({
  key,
  appName: 'app',
  taskId: nextTask++,
  completedAt: 1_700_000_000_000 + nextTask,
  value,
});

/** Every result type memoization supports, as [name, value]. */
export const SUPPORTED_VALUES: readonly (readonly [string, unknown])[] = [
  ['a string with newlines and unicode', 'a\nb\u2028 \u00e9 \u{1f600}'],
  ['an integer', 42],
  ['a float', 0.1 + 0.2],
  ['-0', -0],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ['true', true],
  ['null', null],
  ['undefined', undefined],
  ['a bigint', -(2n ** 80n)],
  ['an array with a hole and undefined', [1, undefined, 'x']],
  ['a nested plain object', { a: { b: [1, { c: null }] }, d: undefined }],
  ['an object with a $t key', { $t: 'map', v: [[1, 2]] }],
  ['an object with a __proto__ key', JSON.parse('{"__proto__": {"polluted": true}, "x": 1}')],
  [
    'a Map with object keys',
    new Map<unknown, unknown>([
      [{ k: 1 }, 'v'],
      [2n, new Set([1])],
    ]),
  ],
  ['a Set', new Set(['a', 1, null])],
  ['a Date', new Date(1_234_567_890_123)],
  ['an invalid Date', new Date(Number.NaN)],
  ['a RegExp', /a+b/gi],
  ['a Buffer', Buffer.from([0, 1, 254, 255])],
  ['a Uint8Array', new Uint8Array([1, 2, 3])],
  ['a Float64Array', new Float64Array([1.5, -0, Number.NaN])],
  ['a BigInt64Array', new BigInt64Array([-1n, 2n ** 62n])],
  ['an ArrayBuffer', new Uint16Array([7, 8]).buffer],
  ['a File', new File('https://example.org/data/a.csv')],
  ['a staged File', new File('data/b.txt', '/scratch/b.txt')],
  ['a null-prototype object', Object.assign(Object.create(null) as object, { a: 1 })],
];

/**
 * The CheckpointStore contract: run against every adapter and the fake.
 */
export const describeCheckpointStoreContract = (
  name: string,
  make: () => Promise<CheckpointStoreUnderTest>,
): void => {
  describe(`CheckpointStore contract: ${name}`, () => {
    let subject: CheckpointStoreUnderTest;
    let store: CheckpointStore;

    beforeEach(async () => {
      subject = await make();
      store = subject.store;
    });
    afterEach(async () => {
      await store.close();
      await subject.cleanup();
    });

    it('writes under <runDir>/checkpoint', () => {
      expect(store.directory).toBe(join(subject.runDir, 'checkpoint'));
    });

    it('writes nothing for an empty list', async () => {
      const result = await store.write([]);
      expect(result).toEqual({
        directory: store.directory,
        file: undefined,
        written: 0,
        skipped: [],
      });
    });

    it('loads back what it wrote, in order, from the checkpoint directory', async () => {
      const records = [record('one'), record({ two: 2 }), record([3])];
      const result = await store.write(records);
      expect(result.written).toBe(3);
      expect(await store.load([store.directory])).toEqual(records);
    });

    it('loads from the run directory and from the checkpoint file alike', async () => {
      const records = [record(1)];
      const { file } = await store.write(records);
      expect(await store.load([subject.runDir])).toEqual(records);
      expect(await store.load([file ?? 'no file'])).toEqual(records);
    });

    it('makes each write a new checkpoint holding only its own records (incremental)', async () => {
      const first = await store.write([record('a')]);
      const second = await store.write([record('b')]);
      expect(second.file).not.toBe(first.file);
      expect((await store.load([second.file ?? ''])).map((r) => r.value)).toEqual(['b']);
      expect((await store.load([store.directory])).map((r) => r.value)).toEqual(['a', 'b']);
    });

    it('serializes writes started together, in call order', async () => {
      const writes = Array.from({ length: 5 }, (_, i) => store.write([record(i)]));
      await Promise.all(writes);
      expect((await store.load([store.directory])).map((r) => r.value)).toEqual([0, 1, 2, 3, 4]);
    });

    it('finishes pending writes before close resolves', async () => {
      const pending = store.write([record('late')]);
      await store.close();
      await pending;
      expect((await subject.reopen().load([subject.runDir])).map((r) => r.value)).toEqual(['late']);
    });

    it('keeps earlier checkpoints when another store continues the same run', async () => {
      await store.write([record('first')]);
      const again = subject.reopen();
      await again.write([record('second')]);
      await again.close();
      expect((await store.load([store.directory])).map((r) => r.value)).toEqual([
        'first',
        'second',
      ]);
    });

    it('concatenates several paths in the order given', async () => {
      const other = await make();
      try {
        await other.store.write([record('other')]);
        await store.write([record('mine')]);
        const values = (await store.load([other.runDir, subject.runDir])).map((r) => r.value);
        expect(values).toEqual(['other', 'mine']);
      } finally {
        await other.store.close();
        await other.cleanup();
      }
    });

    it.each(SUPPORTED_VALUES)('round-trips %s', async (_name, value) => {
      const r = record(value);
      await store.write([r]);
      const [loaded] = await store.load([store.directory]);
      expect(loaded?.value).toStrictEqual(value);
      expect(Object.is(loaded?.value, -0)).toBe(Object.is(value, -0));
    });

    it('leaves out, and reports, values it cannot hold', async () => {
      class Opaque {}
      const good = record('ok');
      const bad = record({ nested: [new Opaque()] });
      const fn = record(() => 1);
      const result = await store.write([good, bad, fn]);
      expect(result.written).toBe(1);
      expect(result.skipped.map((s) => [s.taskId, s.key])).toEqual([
        [bad.taskId, bad.key],
        [fn.taskId, fn.key],
      ]);
      expect(result.skipped[0]?.reason).toMatch(/result\.nested\[0\] is a Opaque/);
      expect(await store.load([store.directory])).toEqual([good]);
    });

    it('refuses circular values', async () => {
      const loop: { self?: unknown } = {};
      loop.self = loop;
      const result = await store.write([record(loop)]);
      expect(result.skipped[0]?.reason).toMatch(/circular/);
    });

    it('throws BadCheckpoint naming a path that does not exist', async () => {
      const missing = join(subject.runDir, 'nope');
      const error = await store.load([missing]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadCheckpoint);
      expect(error).toMatchObject({ file: missing, position: 0, code: 'CHECKPOINT_BAD' });
    });
  });
};
