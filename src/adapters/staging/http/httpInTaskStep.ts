import { readFile } from 'node:fs/promises';
import { StagingTransferError } from '../../../domain/errors/StagingErrors.js';
import { RetriesExhausted, withRetry } from '../transfer/RetryPolicy.js';
import { redactUrl } from '../transfer/stagedPath.js';
import { httpDownload } from './httpDownload.js';

/** URL of this module, for in-task steps that name it. */
export const HTTP_IN_TASK_STEP_MODULE = import.meta.url;

/** Arguments of {@link httpStageInStep} (JSON, shipped to the worker). */
export interface HttpStageInStepArgs {
  readonly url: string;
  readonly destination: string;
  /** Path, on the worker, of extra trusted CA certificates (PEM). */
  readonly caFile: string | null;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly retryBaseDelayMs: number;
}

/**
 * In-task HTTP(S) stage-in, run on the worker before the app: downloads `url` to `destination`.
 * @throws {StagingTransferError}
 */
export const httpStageInStep = async (args: HttpStageInStepArgs): Promise<void> => {
  const ca = args.caFile === null ? undefined : await readFile(args.caFile, 'utf8');
  try {
    await withRetry(
      () => httpDownload(args.url, args.destination, { ca, timeoutMs: args.timeoutMs }),
      {
        retries: args.retries,
        baseDelayMs: args.retryBaseDelayMs,
        maxDelayMs: 5000,
      },
    );
  } catch (error: unknown) {
    const failure =
      error instanceof RetriesExhausted ? error : new RetriesExhausted(error, 1, false);
    throw new StagingTransferError(
      {
        component: 'HttpInTaskStaging.replaceTask',
        url: redactUrl(args.url),
        reason: `GET on the worker failed: ${failure.message}`,
        attempts: failure.attempts,
        transient: failure.transient,
      },
      { cause: failure.lastError },
    );
  }
};
