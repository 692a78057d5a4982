import type { ShippedFunction } from '../../../ports/Executor.js';
import {
  type AppFunction,
  FunctionLoader,
  freeVariableReason,
  ShippingProblem,
} from './FunctionLoader.js';
import { serializeThrown } from './serializeThrown.js';
import { CodecProblem, decodeArgs, encodeValue } from './valueCodec.js';
import type { SerializedError, WireOutcome } from './wire.js';

/**
 * Runs shipped tasks on the worker side; shared by the thread pool's worker threads and the
 * HighThroughputExecutor's worker processes. Loads the function (cached), rebuilds File/Special
 * arguments, calls it, and reports the encoded result or the serialized error. Synchronous apps
 * complete synchronously (no promise per task); async apps return a promise. Never throws.
 */
export class ShippedTaskRunner {
  private readonly loader = new FunctionLoader();

  public run(
    seq: number,
    ship: ShippedFunction,
    args: readonly unknown[],
  ): WireOutcome | Promise<WireOutcome> {
    let fn: AppFunction | Promise<AppFunction>;
    try {
      fn = this.loader.load(ship);
    } catch (error: unknown) {
      return failure(seq, shippingError(error));
    }
    if (typeof fn === 'function') return this.invoke(seq, ship, fn, args);
    return fn.then(
      (loaded) => this.invoke(seq, ship, loaded, args),
      (error: unknown) => failure(seq, shippingError(error)),
    );
  }

  private invoke(
    seq: number,
    ship: ShippedFunction,
    fn: AppFunction,
    args: readonly unknown[],
  ): WireOutcome | Promise<WireOutcome> {
    let decoded: unknown[];
    try {
      decoded = decodeArgs(args);
    } catch (error: unknown) {
      const detail = error instanceof Error ? error.message : String(error);
      return failure(seq, {
        kind: 'serialization',
        reason: `its arguments could not be rebuilt in the worker (${detail})`,
      });
    }
    let value: unknown;
    try {
      value = fn(...decoded);
    } catch (error: unknown) {
      return failure(seq, appError(ship, error));
    }
    if (isThenable(value)) {
      return Promise.resolve(value).then(
        (settled) => success(seq, settled),
        (error: unknown) => failure(seq, appError(ship, error)),
      );
    }
    return success(seq, value);
  }
}

const success = (seq: number, value: unknown): WireOutcome => {
  try {
    return { seq, ok: true, value: encodeValue(value) };
  } catch (error: unknown) {
    const detail =
      error instanceof CodecProblem ? error.message : `encoding it threw ${String(error)}`;
    return failure(seq, resultProblem(detail));
  }
};

const failure = (seq: number, error: SerializedError): WireOutcome => ({ seq, ok: false, error });

/** Why a result cannot be sent back; shared with the transports' clone fallbacks. */
export const resultProblem = (detail: string): SerializedError => ({
  kind: 'serialization',
  reason:
    `its result cannot be sent back from the worker: ${detail}, which structured clone cannot copy. ` +
    'Return plain data (primitives, arrays, plain objects, Date, Map, Set, typed arrays, File) instead.',
});

const shippingError = (error: unknown): SerializedError =>
  error instanceof ShippingProblem
    ? { kind: 'unshippable', reason: error.reason }
    : serializeThrown(error);

const appError = (ship: ShippedFunction, error: unknown): SerializedError => {
  if (ship.kind === 'source') {
    const identifier = freeVariable(error);
    if (identifier !== undefined)
      return { kind: 'unshippable', reason: freeVariableReason(identifier) };
  }
  return serializeThrown(error);
};

/** The identifier of a "x is not defined" ReferenceError raised in by-value (eval'd) code. */
const freeVariable = (error: unknown): string | undefined => {
  if (!(error instanceof ReferenceError)) return undefined;
  const match = /^(\S+) is not defined$/.exec(error.message);
  if (match === null) return undefined;
  const frame = error.stack?.split('\n').find((line) => line.trimStart().startsWith('at '));
  if (frame !== undefined && !frame.includes('<anonymous>')) return undefined;
  return match[1];
};

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === 'object' || typeof value === 'function') &&
  value !== null &&
  typeof (value as { then?: unknown }).then === 'function';
