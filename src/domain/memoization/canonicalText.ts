import { hash } from 'node:crypto';
import type { MemoKeyFunction } from './MemoKeyFunction.js';

/** The Special fields, in the fixed order they enter a key. */
export const SPECIAL_FIELDS = [
  'inputs',
  'outputs',
  'stdout',
  'stderr',
  'label',
  'walltime',
] as const;
export type SpecialField = (typeof SPECIAL_FIELDS)[number];

/** Thrown while canonicalizing; `segments` is the path from the top value to the bad one. */
export class UnhashableValue extends Error {
  public readonly segments: (string | number)[] = [];
  public constructor(
    public readonly typeName: string,
    public readonly reason: string,
  ) {
    super(`${typeName}: ${reason}`);
  }
}

/** Binary views keyed by their bytes (with the view's type name). */
export const TYPED_VIEWS: ReadonlySet<string> = new Set([
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float16Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'DataView',
  'Buffer',
]);

/** Length-prefixed, so concatenated strings stay unambiguous. */
export const str = (s: string): string => `${s.length}:${s}`;
/** sha256 of a binary view's bytes, so big buffers cost one native call. */
export const bytesDigest = (bytes: ArrayBufferView | ArrayBuffer): string =>
  hash(
    'sha256',
    bytes instanceof ArrayBuffer
      ? new Uint8Array(bytes)
      : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    'hex',
  );

/** A value's constructor name, for messages and typed-view checks. */
export const typeNameOf = (value: object): string => {
  const proto: unknown = Object.getPrototypeOf(value);
  const ctor = (proto as { constructor?: { name?: unknown } } | null)?.constructor;
  return typeof ctor?.name === 'string' && ctor.name !== ''
    ? ctor.name
    : 'anonymous class instance';
};

/** A function's canonical text: its name and source. */
export const functionText = (fn: (...args: never[]) => unknown): string => {
  const source = Function.prototype.toString.call(fn);
  if (fn.name.startsWith('bound ') && source.includes('[native code]')) {
    throw new UnhashableValue('bound function', 'a bound function has no source text to key');
  }
  return `f${str(fn.name)}${str(source)}`;
};

/** Runs a user key function, turning its exception into an UnhashableValue. */
export const runKeyFunction = (rule: MemoKeyFunction, value: object): unknown => {
  try {
    return rule.key(value);
  } catch (error: unknown) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new UnhashableValue(
      typeNameOf(value),
      `its idForMemo key function "${rule.name}" threw: ${detail}`,
    );
  }
};
