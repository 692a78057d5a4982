/** How a transfer is retried: bounded attempts with exponential backoff. */
export interface RetryPolicy {
  /** Further attempts after the first one for a transient failure. @default 3 */
  readonly retries: number;
  /** Delay before the first retry; doubles each time. @default 200 */
  readonly baseDelayMs: number;
  /** Upper bound of one delay. @default 5000 */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, baseDelayMs: 200, maxDelayMs: 5000 };

/** A failure an operation classified itself: transient ones are retried. */
export class TransferFailure extends Error {
  public constructor(
    message: string,
    public readonly transient: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'TransferFailure';
  }
}

const TRANSIENT_ERRNO = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** True for network errors worth another attempt (reset, refused, timed out, cut short). */
export const isTransient = (error: unknown): boolean => {
  if (error instanceof TransferFailure) return error.transient;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_ERRNO.has(code);
};

/** One line describing an error, with its errno code when it has one. */
export const describeError = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && !error.message.includes(code)
    ? `${code}: ${error.message}`
    : error.message;
};

/** Outcome of {@link withRetry} when every attempt failed. */
export class RetriesExhausted extends Error {
  public constructor(
    public readonly lastError: unknown,
    public readonly attempts: number,
    public readonly transient: boolean,
  ) {
    super(describeError(lastError), { cause: lastError });
    this.name = 'RetriesExhausted';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/**
 * Runs `attempt` until it succeeds, retrying transient failures (see {@link isTransient}) with
 * exponential backoff, at most `policy.retries` times.
 * @throws {RetriesExhausted} with the last error and the number of attempts
 */
export const withRetry = async <TResult>(
  attempt: (attemptNumber: number) => Promise<TResult>,
  policy: RetryPolicy,
): Promise<TResult> => {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt(n);
    } catch (error: unknown) {
      const transient = isTransient(error);
      if (!transient || n > policy.retries) throw new RetriesExhausted(error, n, transient);
      await sleep(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1)));
    }
  }
};
