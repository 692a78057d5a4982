import { chmod } from 'node:fs/promises';

/** Promisifies one callback-style SFTP call. */
export const sftpCall = <TResult>(
  start: (callback: (error: Error | null | undefined, result?: TResult) => void) => void,
): Promise<TResult> =>
  new Promise<TResult>((resolve, reject) => {
    start((error, result) => {
      if (error !== null && error !== undefined) reject(error);
      else resolve(result as TResult);
    });
  });

/** Sets a local file's permission bits. */
export const chmodLocal = async (path: string, mode: number): Promise<void> => {
  await chmod(path, mode);
};
