import type { ParslErrorCode } from './ParslErrorCode.js';

const IS_PARSL_ERROR: unique symbol = Symbol.for('parsl-ts/ParslError');

/**
 * Base of every error parsl-ts raises. Carries a stable {@link ParslErrorCode}, an optional cause
 * and a message of the form `<Component>.<operation>: <what failed> (<facts>). <hint>`.
 * Parsl: parsl.errors.ParslError
 */
export class ParslError extends Error {
  public readonly [IS_PARSL_ERROR] = true as const;

  public constructor(
    public readonly code: ParslErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }

  /** True for any ParslError, even one from another copy of this module. */
  public static is(value: unknown): value is ParslError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[IS_PARSL_ERROR] === true
    );
  }
}

/** A broken internal invariant: a bug in parsl-ts, never a user mistake. */
export class InternalConsistencyError extends ParslError {
  public constructor(message: string, options?: ErrorOptions) {
    super('INTERNAL_CONSISTENCY', message, options);
  }
}
