import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { posix } from 'node:path';
import type { Client } from 'basic-ftp';
import { TransferFailure } from '../transfer/RetryPolicy.js';
import { writeAtomically } from '../transfer/writeAtomically.js';

/**
 * Downloads `remotePath` to `destination` through a temporary name, checking the size from SIZE.
 * @throws {TransferFailure} on a size mismatch; basic-ftp's errors otherwise
 */
export const ftpDownload = (
  client: Client,
  remotePath: string,
  destination: string,
): Promise<{ readonly bytes: number }> =>
  writeAtomically(destination, async (temporary) => {
    const expectedSize = await client.size(remotePath);
    await client.downloadTo(temporary, remotePath);
    return { expectedSize };
  });

/**
 * Uploads `localPath` to `remotePath` under a temporary remote name, checks its size with SIZE,
 * then renames it into place, so readers never see a partial file. Creates missing directories.
 * @throws {TransferFailure} on a size mismatch; basic-ftp's errors otherwise
 */
export const ftpUpload = async (
  client: Client,
  localPath: string,
  remotePath: string,
): Promise<{ readonly bytes: number }> => {
  const { size } = await stat(localPath);
  const dir = posix.dirname(remotePath);
  const temporary = posix.join(
    dir,
    `.${posix.basename(remotePath)}.part-${randomBytes(6).toString('hex')}`,
  );
  if (dir !== '/' && dir !== '.') {
    await client.ensureDir(dir);
    await client.cd('/');
  }
  await client.uploadFrom(localPath, temporary);
  const uploaded = await client.size(temporary);
  if (uploaded !== size) {
    await client.remove(temporary, true);
    throw new TransferFailure(
      `size mismatch after upload: server has ${uploaded} bytes, local file ${size}`,
      true,
    );
  }
  await client.rename(temporary, remotePath);
  return { bytes: size };
};
