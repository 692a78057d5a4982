import { hash } from 'node:crypto';
import { ConfigurationError } from '../errors/ConfigurationError.js';
import { UnhashableArgumentError } from '../errors/MemoErrors.js';
import { Special } from '../task/Special.js';
import { Canonicalizer } from './canonicalize.js';
import { SPECIAL_FIELDS, UnhashableValue } from './canonicalText.js';
import type { MemoKeyFunction } from './MemoKeyFunction.js';

/** `ignoreForCache` checked and split into positional indices and Special field names. */
export interface IgnoreSpec {
  readonly indices: ReadonlySet<number>;
  readonly fields: ReadonlySet<string>;
}

const NO_IGNORE: IgnoreSpec = { indices: new Set(), fields: new Set() };
const KNOWN_FIELDS: ReadonlySet<string> = new Set(SPECIAL_FIELDS);

/**
 * Checks an app's `ignoreForCache` list once.
 * @throws {ConfigurationError} for a negative/non-integer index or an unknown field name
 */
export const compileIgnore = (
  appName: string,
  ignore: readonly (number | string)[],
): IgnoreSpec => {
  if (ignore.length === 0) return NO_IGNORE;
  const indices = new Set<number>();
  const fields = new Set<string>();
  for (const entry of ignore) {
    if (typeof entry === 'number' && Number.isInteger(entry) && entry >= 0) indices.add(entry);
    else if (typeof entry === 'string' && KNOWN_FIELDS.has(entry)) fields.add(entry);
    else {
      throw ConfigurationError.single(
        `app ${appName}.ignoreForCache`,
        `${JSON.stringify(entry)} is neither a positional argument index (0, 1, ...) nor one of ${SPECIAL_FIELDS.join(', ')}`,
      );
    }
  }
  return { indices, fields };
};

// One-shot crypto.hash is about 3x faster than createHash for short texts (lookup is hot).
const sha256 = (text: string): string => hash('sha256', text, 'hex');
const str = (s: string): string => `${s.length}:${s}`;

/**
 * Hash of an app's identity: its name and its function's source text, so that editing the app
 * invalidates its cached results. Compute once per app.
 */
export const appIdentity = (name: string, fn: (...args: never[]) => unknown): string =>
  sha256(`parsl-ts app v1|${str(name)}${str(Function.prototype.toString.call(fn))}`);

/** Everything a memo key depends on. */
export interface MemoKeyInput {
  readonly appName: string;
  readonly taskId: number;
  readonly appIdentity: string;
  readonly args: readonly unknown[];
  readonly ignore: IgnoreSpec;
  readonly keyFunctions: readonly MemoKeyFunction[];
}

const pathOf = (args: readonly unknown[], segments: readonly (string | number)[]): string => {
  const [first, ...rest] = segments;
  const special = typeof first === 'number' && args[first] instanceof Special;
  let path = special ? '' : `args[${String(first)}]`;
  for (const s of special ? rest : segments.slice(1)) {
    path +=
      typeof s === 'number'
        ? `[${s}]`
        : path === ''
          ? s
          : /^[A-Za-z_$][\w$]*$/.test(s)
            ? `.${s}`
            : `[${JSON.stringify(s)}]`;
  }
  return path;
};

/**
 * The canonical text of a call: the app identity and the canonical text of its resolved
 * positional arguments. Ignored positions become a placeholder (so positions do not shift);
 * trailing `undefined` arguments count as missing, as they do for the function itself. Stable
 * across runs; its sha256 is the memo key ({@link memoKey}). Always contains a `|`.
 * @throws {UnhashableArgumentError} naming the app, the argument path and the fix
 */
export const memoKeyText = (input: MemoKeyInput): string => {
  const { args, ignore } = input;
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  const canon = new Canonicalizer(input.keyFunctions, ignore.fields);
  let text = `${input.appIdentity}|${end}(`;
  for (let i = 0; i < end; i++) {
    if (ignore.indices.has(i)) {
      text += 'x';
      continue;
    }
    try {
      text += canon.encode(args[i]);
    } catch (error: unknown) {
      if (!(error instanceof UnhashableValue)) throw error;
      error.segments.unshift(i);
      throw new UnhashableArgumentError(
        input.appName,
        input.taskId,
        pathOf(args, error.segments),
        error.typeName,
        error.reason,
        { cause: error },
      );
    }
  }
  return `${text})`;
};

/**
 * The memo key of a call, as checkpoints store it: sha256 (64 hex) of {@link memoKeyText}.
 * @throws {UnhashableArgumentError} naming the app, the argument path and the fix
 */
export const memoKey = (input: MemoKeyInput): string => sha256(memoKeyText(input));

/** Canonical texts up to this length are used as in-memory keys as they are (no sha256). */
export const TEXT_KEY_LIMIT = 512;

/**
 * The in-memory key of a call from its canonical text: the text itself when short (a lookup
 * then costs no sha256; the full text rules out collisions), its sha256 when long (so big
 * arguments are not kept in memory).
 */
export const inMemoryKey = (text: string): string => {
  if (text.length > TEXT_KEY_LIMIT) return sha256(text);
  // The text is a tree of the pieces `+=` joined; as a Map key V8 would walk that tree to hash
  // and compare it, and keep it alive. Number() flattens it in place (one copy): cheaper table
  // inserts and less GC in a micro-benchmark.
  void Number(text);
  return text;
};

/**
 * The stored memo key (sha256, 64 hex) of an in-memory key from {@link inMemoryKey}, or of a
 * stored key (returned as it is: a canonical text always contains a `|`, a digest never).
 */
export const storedKey = (key: string): string =>
  key.length === 64 && !key.includes('|') ? key : sha256(key);
