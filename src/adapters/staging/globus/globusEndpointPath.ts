import { isAbsolute, join, normalize, relative } from 'node:path';
import { StagingConfigError } from '../../../domain/errors/StagingErrors.js';

/**
 * The path Globus sees for the executor's `workingDir`. With `endpointPath` and `localPath` set,
 * `workingDir` must lie inside `localPath` and maps to the same place under `endpointPath`
 * (a shared endpoint or a mount seen under another root); otherwise the paths are the same.
 * @throws {StagingConfigError} when workingDir is missing or outside localPath
 */
export const globusEndpointPath = (
  workingDir: string | undefined,
  endpointPath: string | undefined,
  localPath: string | undefined,
): string => {
  if (workingDir === undefined || !isAbsolute(workingDir)) {
    throw new StagingConfigError(
      'GlobusStaging',
      `the executor's workingDir must be an absolute path (got ${workingDir === undefined ? 'none' : JSON.stringify(workingDir)})`,
      'Set workingDir on the executor that lists GlobusStaging in storageAccess.',
    );
  }
  const dir = normalize(workingDir);
  if (endpointPath === undefined || localPath === undefined) return dir;
  const inside = relative(normalize(localPath), dir);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new StagingConfigError(
      'GlobusStaging',
      `workingDir ${dir} is not inside localPath ${localPath}`,
      'localPath must equal workingDir or be one of its parent directories.',
    );
  }
  return join(endpointPath, inside);
};
