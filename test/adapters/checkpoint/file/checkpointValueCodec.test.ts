import { describe, expect, it } from 'vitest';
import {
  CodecError,
  decodeValue,
  encodeValue,
  type Json,
} from '../../../../src/adapters/checkpoint/file/checkpointValueCodec.js';
import { compileIgnore, memoKey } from '../../../../src/domain/memoization/memoKey.js';
import { File } from '../../../../src/domain/staging/File.js';
import { SUPPORTED_VALUES } from '../../../contract/checkpointStoreContract.js';

/** A small deterministic PRNG so failures reproduce (mulberry32). */
const rng = (seed: number): (() => number) => {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** A random value of the types both memo keys and checkpoints support. */
const randomValue = (next: () => number, depth = 0): unknown => {
  const pick = Math.floor(next() * (depth > 3 ? 8 : 14));
  const n = Math.floor(next() * 4);
  const child = (): unknown => randomValue(next, depth + 1);
  switch (pick) {
    case 0:
      return Math.floor(next() * 1000) - 500;
    case 1:
      return [Number.NaN, -0, 0, Number.POSITIVE_INFINITY, 0.1][n];
    case 2:
      return `s${Math.floor(next() * 100)}${n === 0 ? '\n"$t"' : ''}`;
    case 3:
      return next() < 0.5;
    case 4:
      return [null, undefined][n % 2];
    case 5:
      return BigInt(Math.floor(next() * 1e6)) * 10n ** 20n;
    case 6:
      return new Date(Math.floor(next() * 1e12));
    case 7:
      return new File(`data/f${n}.txt`, n === 1 ? '/scratch/x' : undefined);
    case 8:
      return Array.from({ length: n }, child);
    case 9:
      return Object.fromEntries(
        Array.from({ length: n }, (_, i) => [n === 3 && i === 0 ? '$t' : `k${i}`, child()]),
      );
    case 10:
      return new Map(
        Array.from({ length: n }, (_, i) => [i % 2 === 0 ? `k${i}` : child(), child()]),
      );
    case 11:
      return new Set(Array.from({ length: n }, child));
    case 12:
      return Buffer.from(Array.from({ length: n * 3 }, () => Math.floor(next() * 256)));
    default:
      return new Float64Array(Array.from({ length: n }, () => next() - 0.5));
  }
};

const roundTrip = (value: unknown): unknown =>
  decodeValue(JSON.parse(JSON.stringify(encodeValue(value))) as Json);
const keyOf = (value: unknown): string =>
  memoKey({
    appName: 'f',
    taskId: 0,
    appIdentity: 'id',
    args: [value],
    ignore: compileIgnore('f', []),
    keyFunctions: [],
  });

describe('checkpointValueCodec', () => {
  it.each(SUPPORTED_VALUES)('round-trips %s through JSON text', (_name, value) => {
    expect(roundTrip(value)).toStrictEqual(value);
  });

  it('round-trips 500 random nested values, and each keeps its memo key (a loaded result used as an argument hits)', () => {
    const next = rng(42);
    for (let i = 0; i < 500; i++) {
      const value = randomValue(next);
      const back = roundTrip(value);
      expect(back).toStrictEqual(value);
      expect(keyOf(back)).toBe(keyOf(value));
    }
  });

  it.each<[string, unknown, RegExp]>([
    ['a class instance', { a: [new (class Model {})()] }, /result\.a\[0\] is a Model/],
    ['a function', [() => 1], /result\[0\] is a function/],
    ['a symbol', Symbol('x'), /result is a symbol/],
    ['an Error', new Error('x'), /result is a Error/],
  ])('refuses %s with a CodecError naming where it is', (_name, value, message) => {
    expect(() => encodeValue(value)).toThrow(CodecError);
    expect(() => encodeValue(value)).toThrow(message);
  });

  it.each<[string, Json]>([
    ['an unknown tag', { $t: 'weird' }],
    ['a bad bigint', { $t: 'big', v: '1.5' }],
    ['map entries that are not pairs', { $t: 'map', v: [[1]] }],
    ['an unknown typed array', { $t: 'typed', type: 'Int128Array', v: '' }],
  ])('refuses %s on decode', (_name, data) => {
    expect(() => decodeValue(data)).toThrow(CodecError);
  });

  it('does not let a "__proto__" key change the prototype', () => {
    const back = roundTrip(JSON.parse('{"__proto__": {"polluted": true}}')) as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
