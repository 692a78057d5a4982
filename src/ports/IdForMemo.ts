import type { MemoKeyFunction } from '../domain/memoization/MemoKeyFunction.js';

/**
 * A key function for values of a type memoization does not know: Parsl's `id_for_memo`
 * plugin point. Bind any number of them as a multi-binding; the Memoizer tries them in
 * registration order for every argument (at any depth) that no built-in rule covers.
 * Built-in rules (primitives, arrays, plain objects, Map, Set, Date, RegExp, typed arrays,
 * Buffer, File, Special) cannot be overridden.
 *
 * ```ts
 * container.bind(TOKENS.IdForMemo).toConstantValue(idForMemo(Point, (p) => [p.x, p.y]));
 * ```
 * Lifecycle: stateless; read by the Memoizer when it is built.
 * Parsl: parsl.dataflow.memoization.id_for_memo (functools.singledispatch registrations)
 */
export interface IdForMemo extends MemoKeyFunction {
  /** Goes into the key, so two types whose keys look alike never collide. Usually the class name. */
  readonly name: string;
  /** True for the values this rule keys. */
  matches(value: object): boolean;
  /**
   * What identifies the value: any value memoization can hash (string, number, array, plain
   * object, ... or another registered type). Equal values must give equal keys.
   * A throw here fails the task with UnhashableArgumentError.
   */
  key(value: object): unknown;
}

/**
 * Builds an {@link IdForMemo} for instances of a class (subclasses included).
 * @param name defaults to the class name
 */
export const idForMemo = <TValue extends object>(
  // biome-ignore lint/suspicious/noExplicitAny: any constructor signature
  type: abstract new (...args: any[]) => TValue,
  key: (value: TValue) => unknown,
  name: string = type.name,
): IdForMemo => ({
  name,
  matches: (value: object): boolean => value instanceof type,
  key: (value: object): unknown => key(value as TValue),
});
