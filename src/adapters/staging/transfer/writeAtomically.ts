import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TransferFailure } from './RetryPolicy.js';

/**
 * Writes `destination` through a temporary sibling (`.<name>.part-<random>`) and renames it into
 * place only when `write` succeeded and the size matches `expectedSize()` (when the protocol gave
 * one), so a partly downloaded file never appears under the final name.
 * @throws {TransferFailure} (transient) on a size mismatch; whatever `write` throws otherwise
 */
export const writeAtomically = async (
  destination: string,
  write: (temporaryPath: string) => Promise<{ readonly expectedSize?: number | undefined }>,
): Promise<{ readonly bytes: number }> => {
  const dir = dirname(destination);
  await mkdir(dir, { recursive: true });
  const temporary = join(dir, `.${basename(destination)}.part-${randomBytes(6).toString('hex')}`);
  try {
    const { expectedSize } = await write(temporary);
    const { size } = await stat(temporary);
    if (expectedSize !== undefined && size !== expectedSize) {
      throw new TransferFailure(
        `size mismatch: got ${size} bytes, the server announced ${expectedSize}`,
        true,
      );
    }
    await rename(temporary, destination);
    return { bytes: size };
  } catch (error: unknown) {
    await rm(temporary, { force: true });
    throw error;
  }
};
