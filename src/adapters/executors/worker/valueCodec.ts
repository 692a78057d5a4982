import { File } from '../../../domain/staging/File.js';
import { Special } from '../../../domain/task/Special.js';

/**
 * Prepares argument and result values for structured clone and rebuilds them on the other side.
 * Structured clone keeps plain data (primitives, arrays, plain objects, Date, RegExp, Map, Set,
 * typed arrays, ArrayBuffer, SharedArrayBuffer, Error) but drops prototypes, so `File` and `Special`
 * instances travel as tagged plain objects and are rebuilt as real instances, at top level and
 * nested in arrays, plain objects, Maps and Sets. Functions and symbols cannot be cloned: encoding
 * them throws a {@link CodecProblem} naming where they sit.
 */
const TAG = '$parslTs';

/** A value that cannot be sent: `path` locates it (`''`, `[2]`, `.opts.callback`). */
export class CodecProblem extends Error {
  public constructor(
    public readonly path: string,
    public readonly what: string,
  ) {
    super(`${what}${path === '' ? '' : ` at ${path}`}`);
    this.name = 'CodecProblem';
  }
}

type Seen = Set<object>;

/** The shape of a tagged File or Special on the wire. */
interface Tagged {
  readonly $parslTs?: unknown;
  readonly url?: unknown;
  readonly localPath?: unknown;
  readonly inputs?: unknown;
  readonly outputs?: unknown;
  readonly stdout?: unknown;
  readonly stderr?: unknown;
  readonly label?: unknown;
  readonly walltime?: unknown;
}

/** Encodes one value; returns the value itself when nothing needs changing. @throws {CodecProblem} */
export const encodeValue = (value: unknown): unknown => encode(value, '', undefined);

/** Encodes positional arguments. @throws {CodecProblem} with `index` set on the problem. */
export const encodeArgs = (args: readonly unknown[]): readonly unknown[] => {
  let out: unknown[] | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    let encoded: unknown;
    try {
      encoded = encode(arg, '', undefined);
    } catch (error: unknown) {
      if (error instanceof CodecProblem) throw new ArgumentProblem(index, error);
      throw error;
    }
    if (encoded !== arg && out === undefined) out = args.slice(0, index);
    if (out !== undefined) out.push(encoded);
  }
  return out ?? args;
};

/** A {@link CodecProblem} in argument `index`. */
export class ArgumentProblem extends CodecProblem {
  public constructor(
    public readonly index: number,
    problem: CodecProblem,
  ) {
    super(problem.path, problem.what);
    this.name = 'ArgumentProblem';
  }
}

/** Rebuilds File and Special instances in a freshly cloned value (in place where possible). */
export const decodeValue = (value: unknown): unknown =>
  typeof value === 'object' && value !== null ? decode(value, undefined) : value;

/** Decodes positional arguments (the array is a fresh clone, so it is reused). */
export const decodeArgs = (args: readonly unknown[]): unknown[] => {
  const out = args as unknown[];
  for (let index = 0; index < out.length; index += 1) {
    const arg = out[index];
    if (typeof arg === 'object' && arg !== null) out[index] = decode(arg, undefined);
  }
  return out;
};

const encode = (value: unknown, path: string, seen: Seen | undefined): unknown => {
  switch (typeof value) {
    case 'function':
      throw new CodecProblem(path, `a function (${describeFunction(value)})`);
    case 'symbol':
      throw new CodecProblem(path, `a symbol (${value.toString()})`);
    case 'object':
      break;
    default:
      return value;
  }
  if (value === null) return value;
  if (File.isFile(value)) {
    return value.localPath === undefined
      ? { [TAG]: 'File', url: value.url }
      : { [TAG]: 'File', url: value.url, localPath: value.localPath };
  }
  const visited = seen ?? new Set<object>();
  if (visited.has(value)) return value;
  visited.add(value);
  if (value instanceof Special) return encodeSpecial(value, path, visited);
  if (Array.isArray(value)) return encodeArray(value, path, visited);
  if (value instanceof Map) return encodeMap(value, path, visited);
  if (value instanceof Set) return encodeSet(value, path, visited);
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    return encodeObject(value as Record<string, unknown>, path, visited);
  }
  return value;
};

const encodeSpecial = (value: Special, path: string, seen: Seen): unknown => ({
  [TAG]: 'Special',
  inputs: encode(value.inputs, `${path}.inputs`, seen),
  outputs: encode(value.outputs, `${path}.outputs`, seen),
  stdout: value.stdout,
  stderr: value.stderr,
  label: value.label,
  walltime: value.walltime,
});

const encodeArray = (value: readonly unknown[], path: string, seen: Seen): unknown => {
  let out: unknown[] | undefined;
  for (let index = 0; index < value.length; index += 1) {
    const item = value[index];
    const encoded = encode(item, `${path}[${index}]`, seen);
    if (encoded !== item && out === undefined) out = value.slice(0, index);
    if (out !== undefined) out.push(encoded);
  }
  return out ?? value;
};

const encodeObject = (value: Record<string, unknown>, path: string, seen: Seen): unknown => {
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = value[key];
    const encoded = encode(item, `${path}.${key}`, seen);
    if (encoded !== item && out === undefined) out = { ...value };
    if (out !== undefined) out[key] = encoded;
  }
  if (Object.getOwnPropertySymbols(value).length > 0) {
    throw new CodecProblem(
      path,
      'an object with symbol keys (they are dropped by structured clone)',
    );
  }
  return out ?? value;
};

const encodeMap = (value: Map<unknown, unknown>, path: string, seen: Seen): unknown => {
  let changed = false;
  const entries: Array<[unknown, unknown]> = [];
  for (const [key, item] of value) {
    const label = `${path}.get(${typeof key === 'string' ? JSON.stringify(key) : String(key)})`;
    const encodedKey = encode(key, `${label} (key)`, seen);
    const encoded = encode(item, label, seen);
    changed ||= encodedKey !== key || encoded !== item;
    entries.push([encodedKey, encoded]);
  }
  return changed ? new Map(entries) : value;
};

const encodeSet = (value: Set<unknown>, path: string, seen: Seen): unknown => {
  let changed = false;
  const items: unknown[] = [];
  for (const item of value) {
    const encoded = encode(item, `${path} (Set item)`, seen);
    changed ||= encoded !== item;
    items.push(encoded);
  }
  return changed ? new Set(items) : value;
};

const decode = (value: object, seen: Seen | undefined): unknown => {
  const visited = seen ?? new Set<object>();
  if (visited.has(value)) return value;
  visited.add(value);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      if (typeof item === 'object' && item !== null) value[index] = decode(item, visited);
    }
    return value;
  }
  if (value instanceof Map) {
    const entries = [...value].map(
      ([key, item]) => [decodeLoose(key, visited), decodeLoose(item, visited)] as const,
    );
    value.clear();
    for (const [key, item] of entries) value.set(key, item);
    return value;
  }
  if (value instanceof Set) {
    const items = [...value].map((item) => decodeLoose(item, visited));
    value.clear();
    for (const item of items) value.add(item);
    return value;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const tagged = value as Tagged;
  if (tagged.$parslTs === 'File')
    return new File(String(tagged.url), optionalString(tagged.localPath));
  if (tagged.$parslTs === 'Special') {
    return new Special(
      decodeLoose(tagged.inputs, visited) as unknown[],
      decodeLoose(tagged.outputs, visited) as File[],
      optionalString(tagged.stdout),
      optionalString(tagged.stderr),
      optionalString(tagged.label),
      typeof tagged.walltime === 'number' ? tagged.walltime : undefined,
    );
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (typeof item === 'object' && item !== null) record[key] = decode(item, visited);
  }
  return record;
};

const decodeLoose = (value: unknown, seen: Seen): unknown =>
  typeof value === 'object' && value !== null ? decode(value, seen) : value;

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

const describeFunction = (fn: unknown): string => {
  const name = (fn as { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? name : 'anonymous';
};
