import type { File } from '../../domain/staging/File.js';
import type {
  InTaskStagingStep,
  StagingContext,
  StagingProvider,
} from '../../ports/StagingProvider.js';
import { FTP_IN_TASK_STEP_MODULE, type FtpStepArgs } from './ftp/ftpInTaskSteps.js';
import { redactUrl, stagedPath } from './transfer/stagedPath.js';

/** Options of {@link FtpInTaskStaging}. */
export interface FtpInTaskStagingOptions {
  /** User when the URL names none. @default 'anonymous' */
  readonly user?: string | undefined;
  /** Password when the URL has none (shipped to the worker with the task). @default 'anonymous@' for anonymous */
  readonly password?: string | undefined;
  /** Abort a command that gets no reply this long. @default 30000 */
  readonly timeoutMs?: number | undefined;
  /** Retries of a transient failure. @default 3 */
  readonly retries?: number | undefined;
  /** Delay before the first retry, doubling each time. @default 200 */
  readonly retryBaseDelayMs?: number | undefined;
}

/**
 * Stages ftp: files inside the task, on the worker: download before the app, upload after it
 * (upload is a parsl-ts addition). For workers with no filesystem shared with the submit side.
 * Parsl: parsl.data_provider.ftp.FTPInTaskStaging
 */
export class FtpInTaskStaging implements StagingProvider {
  public readonly name = 'FtpInTaskStaging';

  public constructor(private readonly options: FtpInTaskStagingOptions = {}) {}

  public canStageIn(file: File): boolean {
    return file.scheme === 'ftp';
  }

  public canStageOut(file: File): boolean {
    return file.scheme === 'ftp';
  }

  public stageIn(file: File, context: StagingContext): undefined {
    file.localPath = stagedPath(file, context);
    return undefined;
  }

  public stageOut(file: File, context: StagingContext): undefined {
    file.localPath = stagedPath(file, context);
    return undefined;
  }

  public replaceTask(file: File, context: StagingContext): readonly InTaskStagingStep[] {
    return [this.step(file, context, 'ftpStageInStep')];
  }

  public replaceTaskStageOut(file: File, context: StagingContext): readonly InTaskStagingStep[] {
    return [this.step(file, context, 'ftpStageOutStep')];
  }

  private step(
    file: File,
    context: StagingContext,
    exportName: 'ftpStageInStep' | 'ftpStageOutStep',
  ): InTaskStagingStep {
    const localPath = file.localPath ?? stagedPath(file, context);
    const args: FtpStepArgs = {
      url: file.url,
      localPath,
      user: this.options.user ?? null,
      password: this.options.password ?? null,
      timeoutMs: this.options.timeoutMs ?? 30_000,
      retries: this.options.retries ?? 3,
      retryBaseDelayMs: this.options.retryBaseDelayMs ?? 200,
    };
    const arrow =
      exportName === 'ftpStageInStep'
        ? `RETR ${redactUrl(file.url)} -> ${localPath}`
        : `STOR ${localPath} -> ${redactUrl(file.url)}`;
    return {
      moduleUrl: FTP_IN_TASK_STEP_MODULE,
      exportName,
      args: { ...args },
      description: arrow,
    };
  }
}
