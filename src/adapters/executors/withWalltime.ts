import { AppTimeout } from '../../domain/errors/TaskErrors.js';

/**
 * `attempt`, or AppTimeout once `seconds` pass. JavaScript cannot stop a running function: a
 * timed-out attempt's promise is left to settle on its own.
 */
export const withWalltime = (
  attempt: Promise<unknown>,
  appName: string,
  seconds: number,
): Promise<unknown> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppTimeout(appName, seconds)), seconds * 1000);
  });
  return Promise.race([attempt, timeout]).finally(() => clearTimeout(timer));
};
