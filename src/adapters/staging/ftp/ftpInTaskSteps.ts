import { withRetry } from '../transfer/RetryPolicy.js';
import { toTransferError } from '../transfer/toTransferError.js';
import { FtpPool } from './FtpPool.js';
import { ftpTarget } from './ftpEndpoint.js';
import { ftpDownload, ftpUpload } from './ftpTransfers.js';

/** URL of this module, for in-task steps that name it. */
export const FTP_IN_TASK_STEP_MODULE = import.meta.url;

/** Arguments of the FTP in-task steps (JSON, shipped to the worker). */
export interface FtpStepArgs {
  readonly url: string;
  /** Path on the worker. */
  readonly localPath: string;
  readonly user: string | null;
  readonly password: string | null;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly retryBaseDelayMs: number;
}

const run = async (args: FtpStepArgs, direction: 'in' | 'out'): Promise<void> => {
  const target = ftpTarget(args.url, {
    ...(args.user === null ? {} : { user: args.user }),
    ...(args.password === null ? {} : { password: args.password }),
  });
  const pool = new FtpPool(1, args.timeoutMs);
  try {
    await withRetry(
      () =>
        pool.use(target, (client) =>
          direction === 'in'
            ? ftpDownload(client, target.path, args.localPath)
            : ftpUpload(client, args.localPath, target.path),
        ),
      { retries: args.retries, baseDelayMs: args.retryBaseDelayMs, maxDelayMs: 5000 },
    );
  } catch (error: unknown) {
    const action =
      direction === 'in'
        ? `RETR to ${args.localPath} on the worker`
        : `STOR from ${args.localPath} on the worker`;
    throw toTransferError(
      `FtpInTaskStaging.${direction === 'in' ? 'replaceTask' : 'replaceTaskStageOut'}`,
      args.url,
      action,
      error,
    );
  } finally {
    pool.close();
  }
};

/** In-task FTP stage-in, run on the worker before the app. @throws {StagingTransferError} */
export const ftpStageInStep = (args: FtpStepArgs): Promise<void> => run(args, 'in');

/** In-task FTP stage-out, run on the worker after the app. @throws {StagingTransferError} */
export const ftpStageOutStep = (args: FtpStepArgs): Promise<void> => run(args, 'out');
