import { File } from '../../../domain/staging/File.js';

/** JSON text value; what {@link encodeValue} produces. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A value that the checkpoint format cannot hold, or a damaged encoded value. */
export class CodecError extends Error {}

type TypedCtor = new (buffer: ArrayBuffer) => ArrayBufferView;
const TYPED: Readonly<Record<string, TypedCtor>> = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
  DataView,
};

const nameOf = (value: object): string =>
  (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name ??
  'Object';

const base64 = (view: ArrayBufferView | ArrayBuffer): string =>
  view instanceof ArrayBuffer
    ? Buffer.from(view).toString('base64')
    : Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64');

/** Plain assignment would treat a "__proto__" key as the prototype. */
const setOwn = (obj: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
};

const encodeNumber = (n: number): Json => {
  if (Number.isFinite(n) && !Object.is(n, -0)) return n;
  return { $t: 'num', v: Object.is(n, -0) ? '-0' : String(n) };
};

/**
 * Encodes a result as JSON-able data, tagging what JSON cannot say with `{"$t": tag, ...}`
 * (format spec in docs/memoization.md). Shared references are copied; cycles are refused.
 * @throws {CodecError} naming the unsupported type and where it is
 */
export const encodeValue = (value: unknown, path = 'result', onPath?: Set<object>): Json => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return encodeNumber(value);
    case 'undefined':
      return { $t: 'undef' };
    case 'bigint':
      return { $t: 'big', v: value.toString() };
    case 'symbol':
    case 'function':
      throw new CodecError(`${path} is a ${typeof value}, which cannot be checkpointed`);
  }
  if (value === null || typeof value !== 'object') return null;
  const seen = onPath ?? new Set<object>();
  if (seen.has(value)) throw new CodecError(`${path} contains itself (circular data)`);
  seen.add(value);
  try {
    return encodeObject(value, path, seen);
  } finally {
    seen.delete(value);
  }
};

const encodeObject = (value: object, path: string, onPath: Set<object>): Json => {
  const proto: unknown = Object.getPrototypeOf(value);
  const enc = (v: unknown, p: string): Json => encodeValue(v, p, onPath);
  if (proto === Array.prototype) {
    return Array.from(value as unknown[], (v, i) => enc(v, `${path}[${i}]`));
  }
  if (proto === Object.prototype || proto === null) {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (proto === null || Object.hasOwn(obj, '$t')) {
      return {
        $t: proto === null ? 'obj0' : 'obj',
        v: keys.map((k) => [k, enc(obj[k], `${path}.${k}`)]),
      };
    }
    const out: { [key: string]: Json } = {};
    for (const k of keys) setOwn(out, k, enc(obj[k], `${path}.${k}`));
    return out;
  }
  if (proto === Map.prototype) {
    return {
      $t: 'map',
      v: [...(value as Map<unknown, unknown>)].map(([k, v], i) => [
        enc(k, `${path}<key ${i}>`),
        enc(v, `${path}<value ${i}>`),
      ]),
    };
  }
  if (proto === Set.prototype)
    return {
      $t: 'set',
      v: [...(value as Set<unknown>)].map((v, i) => enc(v, `${path}<member ${i}>`)),
    };
  if (proto === Date.prototype) {
    const t = (value as Date).getTime();
    return { $t: 'date', v: Number.isNaN(t) ? null : t };
  }
  if (proto === RegExp.prototype)
    return { $t: 're', source: (value as RegExp).source, flags: (value as RegExp).flags };
  if (File.isFile(value)) {
    return value.localPath === undefined
      ? { $t: 'file', url: value.url }
      : { $t: 'file', url: value.url, localPath: value.localPath };
  }
  if (Buffer.isBuffer(value)) return { $t: 'buf', v: value.toString('base64') };
  if (ArrayBuffer.isView(value) && TYPED[nameOf(value)] !== undefined)
    return { $t: 'typed', type: nameOf(value), v: base64(value) };
  if (proto === ArrayBuffer.prototype) return { $t: 'ab', v: base64(value as ArrayBuffer) };
  throw new CodecError(`${path} is a ${nameOf(value)}, which the checkpoint format cannot hold`);
};

const bytesOf = (text: unknown): ArrayBuffer => {
  if (typeof text !== 'string') throw new CodecError('expected base64 text');
  const b = Buffer.from(text, 'base64');
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

const pairs = (v: Json | undefined): Json[][] => {
  if (!Array.isArray(v) || !v.every((p) => Array.isArray(p) && p.length === 2))
    throw new CodecError('expected [key, value] pairs');
  return v as Json[][];
};

/** The fields a tagged value may have. */
interface Tagged {
  readonly $t?: Json;
  readonly v?: Json;
  readonly type?: Json;
  readonly source?: Json;
  readonly flags?: Json;
  readonly url?: Json;
  readonly localPath?: Json;
}

/**
 * Inverse of {@link encodeValue}.
 * @throws {CodecError} for an unknown tag or a malformed tagged value
 */
export const decodeValue = (json: Json): unknown => {
  if (json === null || typeof json !== 'object') return json;
  if (Array.isArray(json)) return json.map(decodeValue);
  if (!Object.hasOwn(json, '$t')) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(json)) setOwn(out, k, decodeValue(v));
    return out;
  }
  const data = json as Tagged;
  const v = data.v;
  switch (data.$t) {
    case 'undef':
      return undefined;
    case 'num':
      if (v === '-0') return -0;
      if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return Number(v);
      break;
    case 'big':
      if (typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v);
      break;
    case 'obj':
    case 'obj0': {
      const out: Record<string, unknown> = data.$t === 'obj0' ? Object.create(null) : {};
      for (const [k, val] of pairs(v)) setOwn(out, String(k), decodeValue(val ?? null));
      return out;
    }
    case 'map':
      return new Map(
        pairs(v).map(([k, val]) => [decodeValue(k ?? null), decodeValue(val ?? null)]),
      );
    case 'set':
      if (Array.isArray(v)) return new Set(v.map(decodeValue));
      break;
    case 'date':
      if (v === null || typeof v === 'number') return new Date(v ?? Number.NaN);
      break;
    case 're':
      if (typeof data.source === 'string' && typeof data.flags === 'string')
        return new RegExp(data.source, data.flags);
      break;
    case 'file':
      if (typeof data.url === 'string')
        return new File(data.url, typeof data.localPath === 'string' ? data.localPath : undefined);
      break;
    case 'buf':
      return Buffer.from(bytesOf(v));
    case 'ab':
      return bytesOf(v);
    case 'typed': {
      const ctor = typeof data.type === 'string' ? TYPED[data.type] : undefined;
      if (ctor !== undefined) return new ctor(bytesOf(v));
      break;
    }
  }
  throw new CodecError(`malformed or unknown tagged value ${JSON.stringify(data).slice(0, 80)}`);
};
