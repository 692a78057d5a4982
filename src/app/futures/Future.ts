import { FutureTimeoutError } from '../../domain/errors/KernelErrors.js';

type Outcome<T> =
  | { readonly kind: 'value'; readonly value: T }
  | { readonly kind: 'error'; readonly error: unknown };

/**
 * A result that arrives later, awaitable like a Promise. Unlike a Promise, a failed Future that
 * nobody awaits never causes an unhandled rejection: the Promise behind `then` is only created
 * when someone asks for it. Base of {@link AppFuture} and {@link DataFuture}.
 * Parsl: concurrent.futures.Future
 */
export class Future<T> implements PromiseLike<T> {
  private outcome: Outcome<T> | undefined;
  private callbacks: Array<(future: this) => void> | undefined;
  private promise: Promise<T> | undefined;
  private settlePromise: ((outcome: Outcome<T>) => void) | undefined;

  /** True once a result or an exception is set. */
  public done(): boolean {
    return this.outcome !== undefined;
  }

  /** Waits for the result; rejects with the task's exception, or FutureTimeoutError after `timeoutMs`. */
  public async result(timeoutMs?: number): Promise<T> {
    if (timeoutMs === undefined) return this.asPromise();
    await this.waitDone(timeoutMs);
    return this.asPromise();
  }

  /** Waits, then returns the exception, or undefined when the task succeeded. */
  public async exception(timeoutMs?: number): Promise<unknown> {
    await this.waitDone(timeoutMs);
    return this.outcome?.kind === 'error' ? this.outcome.error : undefined;
  }

  /** Calls `callback` once done (at once if already done). Exceptions it throws are swallowed. */
  public addDoneCallback(callback: (future: this) => void): void {
    if (this.outcome !== undefined) {
      safeCall(callback, this);
      return;
    }
    if (this.callbacks === undefined) this.callbacks = [callback];
    else this.callbacks.push(callback);
  }

  // biome-ignore lint/suspicious/noThenProperty: a Future is awaitable on purpose
  public then<TResult1 = T, TResult2 = never>(
    onfulfilled?: ((value: T) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    return this.asPromise().then(onfulfilled, onrejected);
  }

  public catch<TResult = never>(
    onrejected?: ((reason: unknown) => TResult | PromiseLike<TResult>) | null,
  ): Promise<T | TResult> {
    return this.asPromise().catch(onrejected);
  }

  public finally(onfinally?: (() => void) | null): Promise<T> {
    return this.asPromise().finally(onfinally);
  }

  /** The value, when done and successful (for the kernel, after `done()`). */
  public peekValue(): T | undefined {
    return this.outcome?.kind === 'value' ? this.outcome.value : undefined;
  }

  /** The exception, when done and failed. */
  public peekError(): unknown {
    return this.outcome?.kind === 'error' ? this.outcome.error : undefined;
  }

  /** True when done with an exception. */
  public failed(): boolean {
    return this.outcome?.kind === 'error';
  }

  /** Sets the result; a second set is ignored and returns false. */
  public setResult(value: T): boolean {
    return this.settle({ kind: 'value', value });
  }

  /** Sets the exception; a second set is ignored and returns false. */
  public setException(error: unknown): boolean {
    return this.settle({ kind: 'error', error });
  }

  private settle(outcome: Outcome<T>): boolean {
    if (this.outcome !== undefined) return false;
    this.outcome = outcome;
    this.settlePromise?.(outcome);
    const callbacks = this.callbacks;
    this.callbacks = undefined;
    if (callbacks !== undefined) for (const callback of callbacks) safeCall(callback, this);
    return true;
  }

  private asPromise(): Promise<T> {
    if (this.promise !== undefined) return this.promise;
    const outcome = this.outcome;
    if (outcome !== undefined) {
      this.promise =
        outcome.kind === 'value' ? Promise.resolve(outcome.value) : Promise.reject(outcome.error);
    } else {
      this.promise = new Promise<T>((resolve, reject) => {
        this.settlePromise = (o) => (o.kind === 'value' ? resolve(o.value) : reject(o.error));
      });
    }
    return this.promise;
  }

  private waitDone(timeoutMs: number | undefined): Promise<void> {
    if (this.outcome !== undefined) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(
              () => reject(new FutureTimeoutError(this.timeoutSubject(), timeoutMs)),
              timeoutMs,
            );
      this.addDoneCallback(() => {
        if (timer !== undefined) clearTimeout(timer);
        resolve();
      });
    });
  }

  /** The task id a timeout message names; subclasses override. */
  protected timeoutSubject(): number {
    return -1;
  }
}

const safeCall = <TArg>(callback: (arg: TArg) => void, arg: TArg): void => {
  try {
    callback(arg);
  } catch {
    // a user's done-callback must not break the kernel (Parsl logs and ignores these too)
  }
};
