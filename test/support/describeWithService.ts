import { describe, it } from 'vitest';

/**
 * Declares a suite that needs a system service (sshd, Slurm, PostgreSQL, an FTP server, chromium…).
 * - available: runs the suite;
 * - missing on a laptop: skips it, and the skip title says how to enable it;
 * - missing under CI (`CI=true`): a failing test, never a skip.
 */
export const describeWithService = (
  title: string,
  available: boolean,
  howToEnable: string,
  body: () => void,
): void => {
  if (available) {
    describe(title, body);
  } else if (process.env['CI'] === 'true') {
    describe(title, () => {
      it('has its service running', () => {
        throw new Error(`${title}: service missing under CI. ${howToEnable}`);
      });
    });
  } else {
    describe.skip(`${title} (skipped: ${howToEnable})`, body);
  }
};
