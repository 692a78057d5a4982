import { join } from 'node:path';
import type { File } from '../../../domain/staging/File.js';
import type { StagingContext } from '../../../ports/StagingProvider.js';

/**
 * Where a staged copy of `file` goes on the worker: `<workingDir>/<filename>`, or the bare filename
 * (the worker's current directory) when the executor has no workingDir. Parsl does the same.
 */
export const stagedPath = (file: File, context: StagingContext): string =>
  context.workingDir === undefined ? file.filename : join(context.workingDir, file.filename);

/** The URL with any password replaced by `***`, for messages and logs. */
export const redactUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
};
