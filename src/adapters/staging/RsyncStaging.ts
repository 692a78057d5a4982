import { resolve } from 'node:path';
import type { File } from '../../domain/staging/File.js';
import type {
  InTaskStagingStep,
  StagingContext,
  StagingProvider,
} from '../../ports/StagingProvider.js';
import { RSYNC_STEP_MODULE, type RsyncStepArgs } from './rsync/rsyncStep.js';
import { stagedPath } from './transfer/stagedPath.js';

/** Options of {@link RsyncStaging}. */
export interface RsyncStagingOptions {
  /** What workers prefix to each rsync command to reach the submit host, e.g. `benc@203.0.113.7`. */
  readonly hostname: string;
  /**
   * Remote shell given to `rsync -e`, e.g. `ssh -p 2222 -i ~/.ssh/parsl -o StrictHostKeyChecking=accept-new`.
   * @default undefined (rsync's default: ssh with the worker's ~/.ssh/config)
   */
  readonly rsh?: string | undefined;
  /** The rsync binary on the workers. @default 'rsync' */
  readonly rsyncPath?: string | undefined;
  /** Retries of a transient failure (ssh refused, I/O error, timeout). @default 3 */
  readonly retries?: number | undefined;
  /** Delay before the first retry, doubling each time. @default 500 */
  readonly retryBaseDelayMs?: number | undefined;
}

/**
 * Stages file: URLs for workers that cannot see the submit side's filesystem: inside the task,
 * the worker runs rsync (over ssh) to pull each input from `hostname` before the app and to push
 * each output back after it. Authentication is rsync's and ssh's business.
 * Parsl: parsl.data_provider.rsync.RSyncStaging
 */
export class RsyncStaging implements StagingProvider {
  public readonly name = 'RsyncStaging';

  public constructor(private readonly options: RsyncStagingOptions) {}

  public canStageIn(file: File): boolean {
    return file.scheme === 'file';
  }

  public canStageOut(file: File): boolean {
    return file.scheme === 'file';
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
    return [this.step(file, context, 'in')];
  }

  public replaceTaskStageOut(file: File, context: StagingContext): readonly InTaskStagingStep[] {
    return [this.step(file, context, 'out')];
  }

  private step(file: File, context: StagingContext, direction: 'in' | 'out'): InTaskStagingStep {
    // rsync needs an absolute remote path; a relative one is relative to the submit side's cwd.
    const remotePath = resolve(file.path);
    const localPath = file.localPath ?? stagedPath(file, context);
    const args: RsyncStepArgs = {
      direction,
      hostname: this.options.hostname,
      remotePath,
      localPath,
      rsh: this.options.rsh ?? null,
      rsyncPath: this.options.rsyncPath ?? 'rsync',
      retries: this.options.retries ?? 3,
      retryBaseDelayMs: this.options.retryBaseDelayMs ?? 500,
      url: file.url,
    };
    const remote = `${this.options.hostname}:${remotePath}`;
    const description =
      direction === 'in' ? `rsync ${remote} -> ${localPath}` : `rsync ${localPath} -> ${remote}`;
    return {
      moduleUrl: RSYNC_STEP_MODULE,
      exportName: 'rsyncStep',
      args: { ...args },
      description,
    };
  }
}
