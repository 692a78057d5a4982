import type { File } from '../../domain/staging/File.js';
import type { StagingContext, StagingProvider } from '../../ports/StagingProvider.js';
import { FtpPool } from './ftp/FtpPool.js';
import { ftpTarget } from './ftp/ftpEndpoint.js';
import { ftpDownload, ftpUpload } from './ftp/ftpTransfers.js';
import { withRetry } from './transfer/RetryPolicy.js';
import { stagedPath } from './transfer/stagedPath.js';
import { toTransferError } from './transfer/toTransferError.js';

/** Options of {@link FtpSeparateTaskStaging}. */
export interface FtpSeparateTaskStagingOptions {
  /** User when the URL names none. @default 'anonymous' */
  readonly user?: string | undefined;
  /** Password when the URL has none. @default 'anonymous@' for anonymous, else '' */
  readonly password?: string | undefined;
  /** Connections (and so transfers at once) per user@host:port; they are reused. @default 4 */
  readonly maxConnectionsPerServer?: number | undefined;
  /** Abort a command that gets no reply this long. @default 30000 */
  readonly timeoutMs?: number | undefined;
  /** Retries of a transient failure (refused, reset, 4xx reply, size mismatch). @default 3 */
  readonly retries?: number | undefined;
  /** Delay before the first retry, doubling each time. @default 200 */
  readonly retryBaseDelayMs?: number | undefined;
}

/**
 * Stages ftp: files as separate staging tasks on the submit side, into the executor's workingDir
 * (so the executor must share that filesystem): stage-in before the app, stage-out after it
 * (stage-out is a parsl-ts addition; uploads need a user with write access). Connections are
 * pooled per login and reused across files.
 * Parsl: parsl.data_provider.ftp.FTPSeparateTaskStaging
 */
export class FtpSeparateTaskStaging implements StagingProvider {
  public readonly name = 'FtpSeparateTaskStaging';
  private readonly pool: FtpPool;

  public constructor(private readonly options: FtpSeparateTaskStagingOptions = {}) {
    this.pool = new FtpPool(options.maxConnectionsPerServer ?? 4, options.timeoutMs ?? 30_000);
  }

  /** FTP connections opened so far. */
  public get connectionsOpened(): number {
    return this.pool.connectionsOpened;
  }

  public canStageIn(file: File): boolean {
    return file.scheme === 'ftp';
  }

  public canStageOut(file: File): boolean {
    return file.scheme === 'ftp';
  }

  public stageIn(file: File, context: StagingContext, parent?: Promise<unknown>): Promise<void> {
    const destination = stagedPath(file, context);
    file.localPath = destination;
    return this.transfer(file.url, 'in', destination, parent);
  }

  public stageOut(file: File, context: StagingContext, app: Promise<unknown>): Promise<void> {
    const source = stagedPath(file, context);
    file.localPath = source;
    return this.transfer(file.url, 'out', source, app);
  }

  public async close(): Promise<void> {
    this.pool.close();
  }

  private async transfer(
    url: string,
    direction: 'in' | 'out',
    localPath: string,
    after?: Promise<unknown>,
  ): Promise<void> {
    if (after !== undefined) await after;
    const target = ftpTarget(url, this.options);
    try {
      await withRetry(
        () =>
          this.pool.use(target, (client) =>
            direction === 'in'
              ? ftpDownload(client, target.path, localPath)
              : ftpUpload(client, localPath, target.path),
          ),
        {
          retries: this.options.retries ?? 3,
          baseDelayMs: this.options.retryBaseDelayMs ?? 200,
          maxDelayMs: 5000,
        },
      );
    } catch (error: unknown) {
      const operation = direction === 'in' ? 'stageIn' : 'stageOut';
      const action = direction === 'in' ? `RETR to ${localPath}` : `STOR from ${localPath}`;
      throw toTransferError(`${this.name}.${operation}`, url, action, error);
    }
  }
}
