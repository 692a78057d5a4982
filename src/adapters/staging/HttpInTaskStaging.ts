import type { File } from '../../domain/staging/File.js';
import type {
  InTaskStagingStep,
  StagingContext,
  StagingProvider,
} from '../../ports/StagingProvider.js';
import { HTTP_IN_TASK_STEP_MODULE, type HttpStageInStepArgs } from './http/httpInTaskStep.js';
import { redactUrl, stagedPath } from './transfer/stagedPath.js';

/** Options of {@link HttpInTaskStaging}. */
export interface HttpInTaskStagingOptions {
  /** Path, on the workers, of a PEM file with extra CA certificates for https: URLs. @default undefined */
  readonly caFile?: string | undefined;
  /** Abort a request that stays silent this long. @default 30000 */
  readonly timeoutMs?: number | undefined;
  /** Retries of a transient failure. @default 3 */
  readonly retries?: number | undefined;
  /** Delay before the first retry, doubling each time. @default 200 */
  readonly retryBaseDelayMs?: number | undefined;
}

/**
 * Stages http: and https: files in inside the task, on the worker, just before the app runs:
 * for executors whose workers share no filesystem with the submit side (clouds).
 * Parsl: parsl.data_provider.http.HTTPInTaskStaging
 */
export class HttpInTaskStaging implements StagingProvider {
  public readonly name = 'HttpInTaskStaging';

  public constructor(private readonly options: HttpInTaskStagingOptions = {}) {}

  public canStageIn(file: File): boolean {
    return file.scheme === 'http' || file.scheme === 'https';
  }

  public canStageOut(_file: File): boolean {
    return false;
  }

  public stageIn(file: File, context: StagingContext): undefined {
    file.localPath = stagedPath(file, context);
    return undefined;
  }

  public replaceTask(file: File, context: StagingContext): readonly InTaskStagingStep[] {
    const destination = file.localPath ?? stagedPath(file, context);
    const args: HttpStageInStepArgs = {
      url: file.url,
      destination,
      caFile: this.options.caFile ?? null,
      timeoutMs: this.options.timeoutMs ?? 30_000,
      retries: this.options.retries ?? 3,
      retryBaseDelayMs: this.options.retryBaseDelayMs ?? 200,
    };
    return [
      {
        moduleUrl: HTTP_IN_TASK_STEP_MODULE,
        exportName: 'httpStageInStep',
        args: { ...args },
        description: `GET ${redactUrl(file.url)} -> ${destination}`,
      },
    ];
  }
}
