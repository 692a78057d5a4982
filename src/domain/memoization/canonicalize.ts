import { File } from '../staging/File.js';
import { Special } from '../task/Special.js';
import {
  bytesDigest,
  functionText,
  runKeyFunction,
  SPECIAL_FIELDS,
  str,
  TYPED_VIEWS,
  typeNameOf,
  UnhashableValue,
} from './canonicalText.js';
import type { MemoKeyFunction } from './MemoKeyFunction.js';

/**
 * Canonical text of a value: equal values (by the documented rules) give equal text, different
 * values give different text. Every encoding is prefix-free, so concatenations are unambiguous.
 * Rules (see docs/memoization.md): numbers compare with Object.is (so -0 differs from 0, all NaN
 * are one value); object properties holding `undefined` count as missing; plain-object keys, Map
 * entries and Set members are order-independent; arrays are ordered; Files are keyed by URL.
 * @throws {UnhashableValue} for any other class instance, circular data or unkeyable functions
 */
export class Canonicalizer {
  private readonly onPath = new Set<object>();

  public constructor(
    private readonly keyFunctions: readonly MemoKeyFunction[],
    private readonly ignoredSpecialFields: ReadonlySet<string> = new Set(),
  ) {}

  public encode(value: unknown): string {
    switch (typeof value) {
      case 'string':
        return `s${str(value)}`;
      case 'number':
        return Object.is(value, -0) ? 'd-0;' : `d${value};`;
      case 'boolean':
        return value ? 'T' : 'F';
      case 'undefined':
        return 'u';
      case 'bigint':
        return `i${value};`;
      case 'symbol': {
        const key = Symbol.keyFor(value);
        if (key === undefined)
          throw new UnhashableValue('symbol', 'only Symbol.for() symbols can be keyed');
        return `y${str(key)}`;
      }
      case 'function':
        return functionText(value as (...args: never[]) => unknown);
      default:
        return value === null || typeof value !== 'object' ? 'n' : this.encodeObject(value);
    }
  }

  private encodeObject(value: object): string {
    if (this.onPath.has(value))
      throw new UnhashableValue(typeNameOf(value), 'it contains itself (circular data)');
    this.onPath.add(value);
    try {
      return this.encodeKnown(value);
    } finally {
      this.onPath.delete(value);
    }
  }

  private encodeKnown(value: object): string {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === Array.prototype) return this.encodeArray(value as readonly unknown[]);
    if (proto === Object.prototype || proto === null)
      return this.encodePlain(value as Record<string, unknown>);
    if (proto === Map.prototype) return this.encodeMap(value as ReadonlyMap<unknown, unknown>);
    if (proto === Set.prototype) return this.encodeSet(value as ReadonlySet<unknown>);
    if (proto === Date.prototype) return `D${(value as Date).getTime()};`;
    if (proto === RegExp.prototype)
      return `R${str((value as RegExp).source)}${str((value as RegExp).flags)}`;
    if (File.isFile(value)) return `P${str(value.url)}`;
    if (value instanceof Special) return this.encodeSpecial(value);
    if (ArrayBuffer.isView(value) && TYPED_VIEWS.has(typeNameOf(value))) {
      return `B${str(typeNameOf(value))}${value.byteLength}:${bytesDigest(value)}`;
    }
    if (proto === ArrayBuffer.prototype)
      return `A${(value as ArrayBuffer).byteLength}:${bytesDigest(value as ArrayBuffer)}`;
    for (const rule of this.keyFunctions) {
      if (rule.matches(value))
        return `C${str(rule.name)}${this.encode(runKeyFunction(rule, value))}`;
    }
    throw new UnhashableValue(
      typeNameOf(value),
      'no built-in rule and no registered idForMemo key function matches it',
    );
  }

  /** Encodes `value`, adding `segment` to the path of an UnhashableValue thrown below it. */
  private child(segment: string | number, value: unknown): string {
    try {
      return this.encode(value);
    } catch (error: unknown) {
      if (error instanceof UnhashableValue) error.segments.unshift(segment);
      throw error;
    }
  }

  private encodeArray(items: readonly unknown[]): string {
    let out = `a${items.length}[`;
    for (let i = 0; i < items.length; i++) out += this.child(i, items[i]);
    return `${out}]`;
  }

  private encodePlain(obj: Record<string, unknown>): string {
    const keys = Object.keys(obj);
    keys.sort();
    let out = '';
    let n = 0;
    for (const k of keys) {
      const v = obj[k];
      if (v === undefined) continue;
      out += str(k) + this.child(k, v);
      n++;
    }
    return `o${n}{${out}}`;
  }

  private encodeMap(map: ReadonlyMap<unknown, unknown>): string {
    const pairs: string[] = [];
    for (const [k, v] of map) {
      const segment = `<map entry ${pairs.length}>`;
      pairs.push(this.child(segment, k) + this.child(segment, v));
    }
    return `M${pairs.length}{${pairs.sort().join('')}}`;
  }

  private encodeSet(set: ReadonlySet<unknown>): string {
    const items: string[] = [];
    for (const v of set) items.push(this.child(`<set member ${items.length}>`, v));
    return `S${items.length}{${items.sort().join('')}}`;
  }

  private encodeSpecial(special: Special): string {
    let out = 'X{';
    for (const field of SPECIAL_FIELDS) {
      out += this.ignoredSpecialFields.has(field) ? 'x' : this.child(field, special[field]);
    }
    return `${out}}`;
  }
}
