import type { File } from '../../../domain/staging/File.js';
import { DataFuture } from '../../futures/DataFuture.js';

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * Replaces a File or DataFuture input whose stage-in is a separate staging task: it completes
 * with the staged File (its localPath set) once the producer and the transfer are done. When it
 * fails, {@link describeFailure} tells the dependency error what failed.
 */
export class StageInFuture extends DataFuture {
  private stagingFailed = false;

  public constructor(
    file: File,
    taskId: number,
    /** Set when the input was another task's output: its failure is reported as that task's. */
    private readonly parent: DataFuture | undefined,
    /** `executor local (storageAccess: …)`, for messages. */
    private readonly where: string,
  ) {
    super(file, taskId);
  }

  /** Marks the failure as the transfer's own (not the producer's) and sets it. */
  public failStaging(error: unknown): void {
    this.stagingFailed = true;
    this.setException(error);
  }

  /** How DependencyError names this future (see collectDependencies.describeDependency). */
  public describeFailure(): { description: string; taskId?: number } {
    if (!this.stagingFailed && this.parent !== undefined) {
      return {
        description: `DataFuture from task ${this.parent.taskId}`,
        taskId: this.parent.taskId,
      };
    }
    return {
      description: `stage-in of ${this.file.url} on ${this.where}: ${messageOf(this.peekError())}`,
    };
  }
}

/**
 * An output's DataFuture when a staging provider stages it out: it completes when the stage-out
 * completes, not when the task does. Only the DataManager completes it, through
 * {@link completeStageOut}; any earlier `setResult(file)` is ignored. Exceptions are taken as usual.
 */
export class StageOutFuture extends DataFuture {
  private stagedOut = false;

  public completeStageOut(): void {
    this.stagedOut = true;
    this.setResult(this.file);
  }

  public override setResult(value: File): boolean {
    return this.stagedOut ? super.setResult(value) : false;
  }
}
