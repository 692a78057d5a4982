import { describe, expect, it } from 'vitest';
import { ShippedTaskRunner } from '../../../../src/adapters/executors/worker/ShippedTaskRunner.js';
import { decodeValue, encodeArgs } from '../../../../src/adapters/executors/worker/valueCodec.js';
import { File } from '../../../../src/domain/staging/File.js';
import type { ShippedFunction } from '../../../../src/ports/Executor.js';

const source = (text: string): ShippedFunction => ({ kind: 'source', source: text });

describe(ShippedTaskRunner.name, () => {
  it('completes a synchronous app synchronously', () => {
    expect(new ShippedTaskRunner().run(1, source('(a, b) => a + b'), [2, 3])).toEqual({
      seq: 1,
      ok: true,
      value: 5,
    });
  });

  it('returns a promise for an async app', async () => {
    const outcome = new ShippedTaskRunner().run(2, source('async (a) => a * 2'), [4]);
    expect(outcome).toBeInstanceOf(Promise);
    await expect(outcome).resolves.toEqual({ seq: 2, ok: true, value: 8 });
  });

  it('hands the app real File instances and encodes returned ones', () => {
    const args = structuredClone(encodeArgs([new File('a.txt')])) as unknown[];
    const outcome = new ShippedTaskRunner().run(3, source('(f) => [f.constructor.name, f]'), args);
    expect(outcome).toMatchObject({ ok: true });
    const value = decodeValue(structuredClone((outcome as { value: unknown }).value)) as unknown[];
    expect(value[0]).toBe('File');
    expect(value[1]).toBeInstanceOf(File);
  });

  it.each([
    ['a synchronous', '(x) => x * factor'],
    ['an async', 'async (x) => { await null; return x * factor; }'],
  ])(
    'translates a free variable in %s by-value app into an unshippable error',
    async (_what, text) => {
      const outcome = await new ShippedTaskRunner().run(4, source(text), [1]);
      expect(outcome).toMatchObject({ ok: false, error: { kind: 'unshippable' } });
      expect(outcome.ok ? '' : (outcome.error as { reason: string }).reason).toMatch(
        /references "factor", which is not defined in the worker\. Functions shipped by value must be self-contained/,
      );
    },
  );

  it('reports an app error as a serialized thrown error', () => {
    const outcome = new ShippedTaskRunner().run(
      5,
      source('() => { throw new RangeError("too far"); }'),
      [],
    );
    expect(outcome).toMatchObject({
      ok: false,
      error: { kind: 'thrown', builtin: 'RangeError', message: 'too far' },
    });
  });

  it('reports a result that cannot be cloned as a serialization error naming the result', async () => {
    const outcome = await new ShippedTaskRunner().run(6, source('() => ({ later: () => 1 })'), []);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'serialization' } });
    expect(outcome.ok ? '' : (outcome.error as { reason: string }).reason).toMatch(
      /its result cannot be sent back from the worker: a function \(later\) at \.later/,
    );
  });
});
