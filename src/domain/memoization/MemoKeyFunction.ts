/**
 * A user rule that turns values of one type into a memo key part: Parsl's `id_for_memo`
 * registration. `matches` picks the values (usually an `instanceof` test); `key` returns
 * something memoization already knows how to hash (string, number, array, plain object, ...).
 * `name` goes into the key, so two types whose key functions return the same thing never collide.
 */
export interface MemoKeyFunction {
  readonly name: string;
  matches(value: object): boolean;
  key(value: object): unknown;
}
