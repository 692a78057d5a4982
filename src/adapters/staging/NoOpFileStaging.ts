import type { File } from '../../domain/staging/File.js';
import type { StagingProvider } from '../../ports/StagingProvider.js';

/**
 * Handles file: URLs and bare paths on a shared filesystem: nothing is copied; the app opens the
 * path itself (`localPath` = the URL's path).
 * Parsl: parsl.data_provider.file_noop.NoOpFileStaging
 */
export class NoOpFileStaging implements StagingProvider {
  public readonly name = 'NoOpFileStaging';

  public canStageIn(file: File): boolean {
    return file.scheme === 'file';
  }

  public canStageOut(file: File): boolean {
    return file.scheme === 'file';
  }

  public stageIn(file: File): undefined {
    file.localPath = file.path;
    return undefined;
  }

  public stageOut(file: File): undefined {
    file.localPath = file.path;
    return undefined;
  }
}
