import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RsyncStaging } from '../../../src/adapters/staging/RsyncStaging.js';
import { StagingTransferError } from '../../../src/domain/errors/StagingErrors.js';
import { File } from '../../../src/domain/staging/File.js';
import { describeStagingContract, stageInLikeDataManager } from '../../contract/stagingContract.js';
import { describeWithService } from '../../support/describeWithService.js';
import {
  SSHD_HOST,
  SSHD_HOW_TO,
  SSHD_KEY,
  SSHD_OTHER_KEY,
  SSHD_PORT,
  sshdAvailable,
} from '../../support/sshdService.js';

const hasRsync = (() => {
  try {
    execFileSync('rsync', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const rshWith = (key: string): string =>
  `ssh -p ${SSHD_PORT} -i ${key} -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR`;
const fast = { retries: 1, retryBaseDelayMs: 10 };

describeWithService(
  'rsync over the test sshd',
  sshdAvailable && hasRsync,
  `${SSHD_HOW_TO}; and scripts/services/rsync.sh start`,
  () => {
    describeStagingContract('RsyncStaging', async () => {
      // The "submit side" directory; the contract's workingDir plays the worker's private disk.
      const submitDir = await mkdtemp(join(tmpdir(), 'parsl-ts-rsync-submit-'));
      return {
        provider: new RsyncStaging({
          hostname: `root@${SSHD_HOST}`,
          rsh: rshWith(SSHD_KEY),
          ...fast,
        }),
        createRemote: async (name, content) => {
          await writeFile(join(submitDir, name), content);
          return `file://${join(submitDir, name)}`;
        },
        missingUrl: `file://${join(submitDir, 'missing.txt')}`,
        foreignUrl: 'ftp://127.0.0.1/a.txt',
        copies: true,
        output: {
          urlFor: (name) => `file://${join(submitDir, 'results', name)}`,
          read: (url) => readFile(new File(url).path, 'utf8'),
        },
        close: () => rm(submitDir, { recursive: true, force: true }),
      };
    });

    describe(RsyncStaging.name, () => {
      describe('when ssh refuses the key', () => {
        it("fails with an error naming the URL and rsync's exit code", async () => {
          const staging = new RsyncStaging({
            hostname: `root@${SSHD_HOST}`,
            rsh: rshWith(SSHD_OTHER_KEY),
            ...fast,
          });
          const wd = await mkdtemp(join(tmpdir(), 'parsl-ts-rsync-wd-'));
          const failure = (await stageInLikeDataManager(staging, new File('/etc/hostname'), {
            executor: 'x',
            workingDir: wd,
          }).catch((e: unknown) => e)) as StagingTransferError;
          expect(failure).toBeInstanceOf(StagingTransferError);
          // ssh's refusal surfaces as 255, or as rsync's own 12 when the stream closes first
          expect(failure.message).toMatch(
            /^RsyncStaging\.replaceTask: rsync root@127\.0\.0\.1:\/etc\/hostname .* exited with code (255|12)\b/,
          );
          expect(failure.message).toContain('url=/etc/hostname');
          await rm(wd, { recursive: true, force: true });
        });
      });
    });
  },
);
