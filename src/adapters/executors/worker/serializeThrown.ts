import { ParslError } from '../../../domain/errors/ParslError.js';
import { BUILTIN_ERROR_NAMES, type BuiltinErrorName, type SerializedThrown } from './wire.js';

const RESERVED = new Set(['name', 'message', 'stack', 'cause']);
const MAX_CAUSE_DEPTH = 4;

/**
 * Turns anything an app threw into a {@link SerializedThrown} that structured clone can carry:
 * class name, message, stack, the ParslError code, own enumerable properties (values that cannot
 * be cloned become strings) and the `cause` chain. Never throws.
 */
export const serializeThrown = (thrown: unknown, depth = 0): SerializedThrown => {
  if (!isErrorLike(thrown)) {
    return {
      kind: 'thrown',
      name: 'NonErrorThrown',
      builtin: null,
      message: `the app threw a non-Error value: ${describe(thrown)}`,
      props: { value: cloneable(thrown) },
    };
  }
  const name = typeof thrown.name === 'string' ? thrown.name : 'Error';
  const ctorName = constructorName(thrown);
  const builtin = builtinOf(thrown, name, ctorName);
  const remoteName =
    builtin === null && ctorName !== undefined && ctorName !== name && isBuiltinName(name)
      ? ctorName
      : name;
  const cause: unknown = (thrown as { cause?: unknown }).cause;
  return {
    kind: 'thrown',
    name: remoteName,
    builtin,
    message: typeof thrown.message === 'string' ? thrown.message : String(thrown.message),
    ...(typeof thrown.stack === 'string' ? { stack: thrown.stack } : {}),
    ...(ParslError.is(thrown) ? { parslCode: thrown.code } : {}),
    props: ownProps(thrown),
    ...(cause !== undefined && depth < MAX_CAUSE_DEPTH
      ? { cause: serializeThrown(cause, depth + 1) }
      : {}),
  };
};

const isErrorLike = (value: unknown): value is Error =>
  value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';

const isBuiltinName = (name: string): name is BuiltinErrorName =>
  (BUILTIN_ERROR_NAMES as readonly string[]).includes(name);

const builtinOf = (
  error: Error,
  name: string,
  ctorName: string | undefined,
): BuiltinErrorName | null => {
  if (!isBuiltinName(name) || ctorName !== name) return null;
  const ctor = (globalThis as unknown as Record<string, unknown>)[name];
  return typeof ctor === 'function' && error instanceof ctor ? name : null;
};

const constructorName = (error: Error): string | undefined => {
  const ctor: unknown = (error as { constructor?: unknown }).constructor;
  if (typeof ctor !== 'function') return undefined;
  return ctor.name === '' ? undefined : ctor.name;
};

const ownProps = (error: Error): Record<string, unknown> => {
  const props: Record<string, unknown> = {};
  for (const key of Object.keys(error)) {
    if (RESERVED.has(key)) continue;
    props[key] = cloneable((error as unknown as Record<string, unknown>)[key]);
  }
  return props;
};

/** The value itself when structured clone can copy it, else a string describing it. */
const cloneable = (value: unknown): unknown => {
  if (typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol')
    return value;
  try {
    structuredClone(value);
    return value;
  } catch {
    return describe(value);
  }
};

const describe = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
};
