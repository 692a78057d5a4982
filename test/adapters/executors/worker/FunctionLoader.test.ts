import { describe, expect, it } from 'vitest';
import {
  FunctionLoader,
  ShippingProblem,
} from '../../../../src/adapters/executors/worker/FunctionLoader.js';
import type { ShippedFunction } from '../../../../src/ports/Executor.js';

const APPS = new URL('../../../fixtures/apps/threadApps.ts', import.meta.url).href;
const source = (text: string): ShippedFunction => ({ kind: 'source', source: text });

const loadSync = (
  loader: FunctionLoader,
  ship: ShippedFunction,
): ((...args: unknown[]) => unknown) => {
  const fn = loader.load(ship);
  if (typeof fn !== 'function') throw new Error('expected a synchronous load');
  return fn;
};

describe(FunctionLoader.name, () => {
  describe('by value', () => {
    it.each([
      ['an arrow function', '(x) => x + 1', 2],
      ['a function expression', 'function add1(x) { return x + 1; }', 2],
      ['method shorthand', 'add1(x) { return x + 1; }', 2],
      ['a trailing line comment', '(x) => x + 1 // done', 2],
    ])('compiles %s', (_what, text, expected) => {
      expect(loadSync(new FunctionLoader(), source(text))(1)).toBe(expected);
    });

    it.each([
      ['an async function', 'async function f(x) { return x * 2; }'],
      ['async method shorthand', 'async f(x) { return x * 2; }'],
    ])('compiles %s', async (_what, text) => {
      await expect(loadSync(new FunctionLoader(), source(text))(4)).resolves.toBe(8);
    });

    it('compiles each distinct source once', () => {
      const loader = new FunctionLoader();
      expect(loadSync(loader, source('(x) => x'))).toBe(loadSync(loader, source('(x) => x')));
    });

    it('compiles in strict mode', () => {
      const fn = loadSync(new FunctionLoader(), source('() => { undeclared = 1; }'));
      expect(() => fn()).toThrow(ReferenceError);
    });

    it.each([
      ['native', Math.max.toString(), /native or bound/],
      ['bound', ((x: number) => x).bind(null).toString(), /native or bound/],
      ['not a function', '42', /is not a function/],
      ['broken', '(x) => {', /does not compile/],
    ])('refuses a %s source with a ShippingProblem', (_what, text, reason) => {
      expect(() => new FunctionLoader().load(source(text))).toThrow(ShippingProblem);
      expect(() => new FunctionLoader().load(source(text))).toThrow(reason);
    });
  });

  describe('by reference', () => {
    it('imports the module and takes the export', async () => {
      const fn = await new FunctionLoader().load({
        kind: 'module',
        moduleUrl: APPS,
        exportName: 'double',
      });
      expect(fn(4)).toBe(8);
    });

    it('names the missing export and what the module exports', async () => {
      const loading = new FunctionLoader().load({
        kind: 'module',
        moduleUrl: APPS,
        exportName: 'nope',
      });
      await expect(loading).rejects.toThrow(
        /has no export "nope" \(it exports: .*double.*\)\. Fix: export the function/,
      );
    });

    it('reports a module that cannot be imported', async () => {
      const loading = new FunctionLoader().load({
        kind: 'module',
        moduleUrl: 'file:///no/such/module.js',
        exportName: 'f',
      });
      await expect(loading).rejects.toThrow(
        /could not import its module file:\/\/\/no\/such\/module\.js/,
      );
    });
  });
});
