import {
  SerializationError,
  UnshippableFunctionError,
} from '../../../domain/errors/ExecutorErrors.js';
import { RemoteException } from '../../../domain/errors/TaskErrors.js';
import type { BuiltinErrorName, SerializedError, SerializedThrown } from './wire.js';

const BUILTIN_CTORS: Readonly<Record<BuiltinErrorName, ErrorConstructor>> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

/** Names that a copied remote property must not overwrite on a RemoteException. */
const PROTECTED = new Set(['name', 'message', 'stack', 'cause', 'remoteName', 'remoteStack']);

/** Who the error is about, for the message. */
export interface RebuildContext {
  readonly executor: string;
  readonly appName: string;
}

/**
 * Rebuilds a worker-side failure on the submitting side. Built-in error classes come back as the
 * same class with the same message and the remote stack; any other error becomes a
 * {@link RemoteException} (remote class name, message, stack) with its own enumerable properties
 * copied (a remote ParslError keeps its `code`; another error's `code` is kept as `remoteCode`).
 * Shipping and cloning problems become {@link UnshippableFunctionError} / {@link SerializationError}.
 */
export const rebuildError = (error: SerializedError, context: RebuildContext): Error => {
  switch (error.kind) {
    case 'unshippable':
      return new UnshippableFunctionError(
        context.executor,
        `app ${context.appName}: ${error.reason}`,
      );
    case 'serialization':
      return new SerializationError(context.executor, `app ${context.appName}: ${error.reason}`);
    case 'thrown':
      return rebuildThrown(error);
  }
};

const rebuildThrown = (thrown: SerializedThrown): Error => {
  let error: Error;
  if (thrown.builtin !== null) {
    error = new BUILTIN_CTORS[thrown.builtin](thrown.message);
    if (thrown.stack !== undefined) error.stack = thrown.stack;
    for (const [key, value] of Object.entries(thrown.props)) define(error, key, value, true);
  } else {
    error = new RemoteException(thrown.name, thrown.message, thrown.stack);
    for (const [key, value] of Object.entries(thrown.props)) {
      if (PROTECTED.has(key)) continue;
      const target = key === 'code' && thrown.parslCode === undefined ? 'remoteCode' : key;
      define(error, target, value, true);
    }
  }
  if (thrown.cause !== undefined) define(error, 'cause', rebuildThrown(thrown.cause), false);
  return error;
};

const define = (target: Error, key: string, value: unknown, enumerable: boolean): void => {
  Object.defineProperty(target, key, { value, enumerable, writable: true, configurable: true });
};
