import { File } from '../../domain/staging/File.js';
import { Future } from './Future.js';

/**
 * A future for a file an app produces: it completes with the {@link File} when its task finishes
 * (and the file is staged out), or with the task's exception. Pass it in another app's `inputs` to
 * order the two apps.
 * Parsl: parsl.app.futures.DataFuture
 */
export class DataFuture extends Future<File> {
  public constructor(
    public readonly file: File,
    /** Id of the task that produces the file. */
    public readonly taskId: number,
  ) {
    super();
  }

  /** Where the file will be, as known now. */
  public get filepath(): string {
    return this.file.filepath;
  }

  public get filename(): string {
    return this.file.filename;
  }

  public override toString(): string {
    return `DataFuture(${this.file.url}, task ${this.taskId}, ${this.done() ? 'done' : 'pending'})`;
  }

  protected override timeoutSubject(): number {
    return this.taskId;
  }

  /** A DataFuture for `file` produced by task `taskId`. */
  public static of(file: string | File, taskId: number): DataFuture {
    return new DataFuture(File.from(file), taskId);
  }
}
