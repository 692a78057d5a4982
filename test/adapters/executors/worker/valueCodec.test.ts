import { describe, expect, it } from 'vitest';
import {
  ArgumentProblem,
  CodecProblem,
  decodeArgs,
  decodeValue,
  encodeArgs,
  encodeValue,
} from '../../../../src/adapters/executors/worker/valueCodec.js';
import { File } from '../../../../src/domain/staging/File.js';
import { Special } from '../../../../src/domain/task/Special.js';

/** What the other side of a postMessage sees. */
const roundTrip = (value: unknown): unknown => decodeValue(structuredClone(encodeValue(value)));

describe('valueCodec', () => {
  describe('File and Special', () => {
    it('rebuilds a File at top level with its staging state', () => {
      const back = roundTrip(new File('https://example.org/a.csv', '/tmp/a.csv'));
      expect(back).toBeInstanceOf(File);
      expect(back).toEqual(new File('https://example.org/a.csv', '/tmp/a.csv'));
    });

    it('rebuilds Files nested in arrays, plain objects, Maps and Sets', () => {
      const back = roundTrip({
        list: [1, new File('a.txt')],
        deep: { inner: [{ file: new File('b.txt') }] },
        map: new Map([['k', new File('c.txt')]]),
        set: new Set([new File('d.txt')]),
      }) as {
        list: unknown[];
        deep: { inner: Array<{ file: unknown }> };
        map: Map<string, unknown>;
        set: Set<unknown>;
      };
      expect(back.list[1]).toBeInstanceOf(File);
      expect(back.deep.inner[0]?.file).toBeInstanceOf(File);
      expect(back.map.get('k')).toBeInstanceOf(File);
      expect([...back.set][0]).toBeInstanceOf(File);
    });

    it('rebuilds a Special with its Files and fields', () => {
      const back = roundTrip(
        new Special([new File('in.txt'), 3], [new File('out.txt')], 'o', 'e', 'l', 9),
      );
      expect(back).toBeInstanceOf(Special);
      expect(back).toEqual(
        new Special([new File('in.txt'), 3], [new File('out.txt')], 'o', 'e', 'l', 9),
      );
      expect((back as Special).outputs[0]).toBeInstanceOf(File);
    });
  });

  describe('encodeArgs', () => {
    it('returns the same array when nothing needs encoding', () => {
      const args = [1, 'a', { b: [2] }, new Date(0)];
      expect(encodeArgs(args)).toBe(args);
    });

    it('copies only what changes and leaves the caller values untouched', () => {
      const file = new File('a.txt');
      const args = [1, { file }];
      const encoded = encodeArgs(args);
      expect(encoded).not.toBe(args);
      expect(args[1]).toEqual({ file });
      expect(decodeArgs(structuredClone(encoded) as unknown[])).toEqual([1, { file }]);
    });

    it.each([
      ['a function', [1, { cb: () => 1 }], 1, '.cb', /a function \(cb\)/],
      ['a symbol', [Symbol('s')], 0, '', /a symbol \(Symbol\(s\)\)/],
      ['a nested function', [[0, [() => 1]]], 0, '[1][0]', /a function/],
    ])('rejects %s with the argument index and path', (_what, args, index, path, what) => {
      let problem: unknown;
      try {
        encodeArgs(args);
      } catch (error: unknown) {
        problem = error;
      }
      expect(problem).toBeInstanceOf(ArgumentProblem);
      expect(problem).toMatchObject({ index, path });
      expect((problem as ArgumentProblem).what).toMatch(what);
    });
  });

  it('rejects a function result with a CodecProblem', () => {
    expect(() => encodeValue({ make: () => 1 })).toThrow(CodecProblem);
  });

  it('survives cycles', () => {
    const node: { self?: unknown; file: File } = { file: new File('a.txt') };
    node.self = node;
    expect(() => encodeValue(node)).not.toThrow();
  });
});
