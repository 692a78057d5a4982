import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Gives the whole test run one temporary directory: TMPDIR points into it before the workers
 * start, so every `tmpdir()` of a test (and of the processes tests start) lands there, and it is
 * removed once every test file has finished, when nothing a test started can still be writing.
 * `PARSL_TS_KEEP_TEST_TMP=1` keeps it for a look afterwards (its path is printed).
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'parsl-ts-tests-'));
  // As traversable as /tmp itself: services running as other users (sshd's password user, the
  // FTP server) reach the directories tests open up for them.
  chmodSync(root, 0o755);
  process.env['TMPDIR'] = root;
  return () => {
    if (process.env['PARSL_TS_KEEP_TEST_TMP'] === '1') {
      console.log(`Test files kept in ${root}`);
      return;
    }
    try {
      rmSync(root, { recursive: true, force: true });
    } catch (error: unknown) {
      // Something still mounted or busy in there: say what, without failing a finished run.
      console.warn(`Could not remove the test run's directory ${root}: ${String(error)}`);
    }
  };
}
