import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/domain/errors/ConfigurationError.js';
import { UnhashableArgumentError } from '../../../src/domain/errors/MemoErrors.js';
import type { MemoKeyFunction } from '../../../src/domain/memoization/MemoKeyFunction.js';
import {
  appIdentity,
  compileIgnore,
  inMemoryKey,
  memoKey,
  memoKeyText,
  storedKey,
  TEXT_KEY_LIMIT,
} from '../../../src/domain/memoization/memoKey.js';
import { File } from '../../../src/domain/staging/File.js';
import { Special } from '../../../src/domain/task/Special.js';

const double = (x: number): number => x * 2;
const ID = appIdentity('double', double);

const keyOf = (
  args: readonly unknown[],
  options: {
    ignore?: readonly (number | string)[];
    keyFunctions?: readonly MemoKeyFunction[];
    identity?: string;
  } = {},
): string =>
  memoKey({
    appName: 'double',
    taskId: 7,
    appIdentity: options.identity ?? ID,
    args,
    ignore: compileIgnore('double', options.ignore ?? []),
    keyFunctions: options.keyFunctions ?? [],
  });

class Point {
  public constructor(
    public readonly x: number,
    public readonly y: number,
  ) {}
}

describe('memoKey', () => {
  describe('stability', () => {
    it('gives the same key for the same arguments built twice', () => {
      const make = (): unknown[] => [
        1,
        'a',
        { b: [2n, null], c: new Map([[1, new Set([2])]]) },
        new Date(5),
      ];
      expect(keyOf(make())).toBe(keyOf(make()));
    });

    it('keeps the version-1 key of a fixed call (a change would orphan every checkpoint)', () => {
      const args = [1, 'two', { three: 3, four: [4n, new Date(0)] }, new Set([-0])];
      expect(keyOf(args, { identity: 'fixed-identity' })).toBe(
        '86f85e5a0ec164599ac4e1b4ad0e1cae72b486e367e62161becf60cfac8c6b99',
      );
    });

    it('keeps the version-1 identity of a fixed function', () => {
      const add = new Function('a', 'b', 'return a + b') as (a: number, b: number) => number;
      expect(appIdentity('add', add)).toBe(
        'c432ed48ae978c25a36840f158f64676598898c6aa44f007579885cc8d2c51e8',
      );
    });
  });

  describe('equal by the documented rules', () => {
    it.each<[string, unknown[], unknown[]]>([
      ['plain-object key order', [{ a: 1, b: { c: 2, d: 3 } }], [{ b: { d: 3, c: 2 }, a: 1 }]],
      [
        'Map insertion order',
        [
          new Map([
            ['a', 1],
            ['b', 2],
          ]),
        ],
        [
          new Map([
            ['b', 2],
            ['a', 1],
          ]),
        ],
      ],
      ['Set insertion order', [new Set([1, 'x', 3n])], [new Set([3n, 1, 'x'])]],
      ['NaN with NaN', [Number.NaN], [0 / 0]],
      ['a property holding undefined with a missing one', [{ a: 1, b: undefined }], [{ a: 1 }]],
      ['trailing undefined arguments with missing ones', [1, undefined, undefined], [1]],
      [
        'Files with the same URL (local path ignored)',
        [new File('data/a.txt', '/tmp/x')],
        [new File('data/a.txt')],
      ],
      [
        'typed arrays with the same bytes',
        [new Float64Array([1.5, 2])],
        [new Float64Array([1.5, 2])],
      ],
      ['Buffers with the same bytes', [Buffer.from('hello')], [Buffer.from('hello')]],
      [
        'null-prototype objects with plain ones',
        [Object.assign(Object.create(null), { a: 1 })],
        [{ a: 1 }],
      ],
      ['registered symbols', [Symbol.for('k')], [Symbol.for('k')]],
      ['the same function', [double], [double]],
    ])('treats %s as equal', (_name, a, b) => {
      expect(keyOf(a)).toBe(keyOf(b));
    });
  });

  describe('different by the documented rules', () => {
    it.each<[string, unknown[], unknown[]]>([
      ['-0 and 0', [-0], [0]],
      ['1, 1n and "1"', [1], [1n]],
      ['"1" and 1', ['1'], [1]],
      ['null and undefined', [null], [undefined, 0]],
      ['[undefined] and []', [[undefined]], [[]]],
      ['array order', [[1, 2]], [[2, 1]]],
      ['nested values', [{ a: [1, 2] }], [{ a: [1, 3] }]],
      [
        'Buffer and Uint8Array with the same bytes',
        [Buffer.from([1, 2])],
        [new Uint8Array([1, 2])],
      ],
      ['Dates', [new Date(1)], [new Date(2)]],
      ['Files with different URLs', [new File('a.txt')], [new File('b.txt')]],
      ['string boundaries', ['ab', 'c'], ['a', 'bc']],
      ['an object and a Map with the same entries', [{ a: 1 }], [new Map([['a', 1]])]],
      ['regexps with different flags', [/a/g], [/a/i]],
      ['functions with different source', [(x: number) => x + 1], [(x: number) => x + 2]],
    ])('tells %s apart', (_name, a, b) => {
      expect(keyOf(a)).not.toBe(keyOf(b));
    });

    it('tells apps with different names apart', () => {
      expect(keyOf([1], { identity: appIdentity('triple', double) })).not.toBe(keyOf([1]));
    });

    it('tells an edited app apart from the original (same name, new source)', () => {
      const edited = (x: number): number => x * 2 + 0;
      expect(keyOf([1], { identity: appIdentity('double', edited) })).not.toBe(keyOf([1]));
    });
  });

  describe('ignoreForCache', () => {
    it('leaves an ignored position out without shifting the others', () => {
      expect(keyOf([1, 'a', 3], { ignore: [1] })).toBe(keyOf([1, 'b', 3], { ignore: [1] }));
      expect(keyOf([1, 'a', 3], { ignore: [1] })).not.toBe(keyOf([1, 'a', 4], { ignore: [1] }));
    });

    it('leaves an ignored Special field out', () => {
      const a = new Special([1], [], '/logs/1.out');
      const b = new Special([1], [], '/logs/2.out');
      expect(keyOf([a], { ignore: ['stdout'] })).toBe(keyOf([b], { ignore: ['stdout'] }));
      expect(keyOf([a])).not.toBe(keyOf([b]));
    });

    it('keys outputs by URL', () => {
      const a = new Special([], [new File('out/x.txt')]);
      const b = new Special([], [new File('out/y.txt')]);
      expect(keyOf([a])).not.toBe(keyOf([b]));
    });

    it('rejects an unknown field name with a ConfigurationError naming the app', () => {
      expect(() => compileIgnore('double', ['stdin'])).toThrow(ConfigurationError);
      expect(() => compileIgnore('double', ['stdin'])).toThrow(
        /app double\.ignoreForCache.*"stdin"/,
      );
    });
  });

  describe('unhashable arguments', () => {
    const failure = (
      args: unknown[],
      keyFunctions: readonly MemoKeyFunction[] = [],
    ): UnhashableArgumentError => {
      try {
        keyOf(args, { keyFunctions });
      } catch (error: unknown) {
        if (error instanceof UnhashableArgumentError) return error;
        throw error;
      }
      throw new Error('expected UnhashableArgumentError');
    };

    it('names the app, the task, the argument path, the type and the idForMemo fix', () => {
      const error = failure([1, { points: [new Point(1, 2)] }]);
      expect(error.code).toBe('MEMO_UNHASHABLE');
      expect(error.argumentPath).toBe('args[1].points[0]');
      expect(error.typeName).toBe('Point');
      expect(error.message).toMatch(
        /unknown type for memoization: app double \(task 7\) argument args\[1\]\.points\[0\] is a Point/,
      );
      expect(error.message).toMatch(/idForMemo\(Point, /);
      expect(error.message).toMatch(/ignoreForCache: \[1\]/);
    });

    it('names the Special field for values inside inputs', () => {
      expect(failure([new Special([new Point(0, 0)])]).argumentPath).toBe('inputs[0]');
    });

    it.each<[string, unknown]>([
      ['a Map subclass', new (class Registry extends Map {})()],
      ['a class instance', new Point(1, 1)],
      [
        'circular data',
        (() => {
          const a: { self?: unknown } = {};
          a.self = a;
          return a;
        })(),
      ],
      ['an unregistered symbol', Symbol('s')],
      ['a bound function', double.bind(null)],
      ['a boxed number', Object(1)],
    ])('refuses %s', (_name, value) => {
      expect(failure([value])).toBeInstanceOf(UnhashableArgumentError);
    });

    it('uses a registered key function, with its name in the key', () => {
      const point: MemoKeyFunction = {
        name: 'Point',
        matches: (v) => v instanceof Point,
        key: (v) => [(v as Point).x, (v as Point).y],
      };
      const other: MemoKeyFunction = {
        name: 'Other',
        matches: (v) => v instanceof Point,
        key: (v) => [(v as Point).x, (v as Point).y],
      };
      expect(keyOf([new Point(1, 2)], { keyFunctions: [point] })).toBe(
        keyOf([new Point(1, 2)], { keyFunctions: [point] }),
      );
      expect(keyOf([new Point(1, 2)], { keyFunctions: [point] })).not.toBe(
        keyOf([new Point(2, 1)], { keyFunctions: [point] }),
      );
      expect(keyOf([new Point(1, 2)], { keyFunctions: [point] })).not.toBe(
        keyOf([new Point(1, 2)], { keyFunctions: [other] }),
      );
    });

    it('reports a key function that throws', () => {
      const broken: MemoKeyFunction = {
        name: 'Point',
        matches: (v) => v instanceof Point,
        key: () => {
          throw new Error('boom');
        },
      };
      expect(failure([new Point(1, 2)], [broken]).message).toMatch(
        /key function "Point" threw: boom/,
      );
    });
  });

  describe('in-memory and stored keys', () => {
    const input = (args: readonly unknown[]) => ({
      appName: 'double',
      taskId: 7,
      appIdentity: ID,
      args,
      ignore: compileIgnore('double', []),
      keyFunctions: [],
    });
    const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

    it('memoKey is the sha256 of the canonical text (the stored key format)', () => {
      const text = memoKeyText(input([1, 'a']));
      expect(text).toContain('|');
      expect(memoKey(input([1, 'a']))).toBe(sha(text));
    });

    it('uses a short canonical text as the in-memory key and stores its sha256', () => {
      const text = memoKeyText(input([2]));
      expect(inMemoryKey(text)).toBe(text);
      expect(storedKey(inMemoryKey(text))).toBe(memoKey(input([2])));
    });

    it('uses the sha256 of a long canonical text in memory too', () => {
      const args = ['y'.repeat(TEXT_KEY_LIMIT)];
      const key = inMemoryKey(memoKeyText(input(args)));
      expect(key).toBe(memoKey(input(args)));
      expect(storedKey(key)).toBe(key);
    });

    it('returns a stored key unchanged', () => {
      const stored = memoKey(input([3]));
      expect(storedKey(stored)).toBe(stored);
    });
  });
});
