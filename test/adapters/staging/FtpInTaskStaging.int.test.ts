import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FtpInTaskStaging } from '../../../src/adapters/staging/FtpInTaskStaging.js';
import { File } from '../../../src/domain/staging/File.js';
import { describeStagingContract } from '../../contract/stagingContract.js';
import { describeWithService } from '../../support/describeWithService.js';
import { FTP_HOW_TO_ENABLE, ftpService, isListening } from '../../support/ftpService.js';

const fast = { retries: 2, retryBaseDelayMs: 10, timeoutMs: 10_000 };
const { host, port, user, password } = ftpService;
const available = await isListening(host, port);

describeWithService('FTP in-task staging against vsftpd', available, FTP_HOW_TO_ENABLE, () => {
  describeStagingContract('FtpInTaskStaging', async () => {
    const dir = await mkdtemp(join(ftpService.pubDir, 'test-'));
    await chmod(dir, 0o755);
    const name = dir.slice(ftpService.pubDir.length + 1);
    return {
      provider: new FtpInTaskStaging({ ...fast, user, password }),
      createRemote: async (file, content) => {
        await writeFile(join(dir, file), content);
        return `ftp://anonymous@${host}:${port}/${name}/${file}`;
      },
      missingUrl: `ftp://anonymous@${host}:${port}/${name}/missing.txt`,
      foreignUrl: 'globus://ep/a.txt',
      copies: true,
      output: {
        urlFor: (file) => `ftp://${host}:${port}/in-task/${name}/${file}`,
        read: (url) => readFile(join(ftpService.homeDir, new URL(url).pathname), 'utf8'),
      },
      close: () => rm(dir, { recursive: true, force: true }),
    };
  });
});

describe(FtpInTaskStaging.name, () => {
  describe('.replaceTaskStageOut', () => {
    it('carries the configured user to the worker and redacts passwords from the description', () => {
      const staging = new FtpInTaskStaging({ user, password });
      const file = new File(`ftp://u:secret@${host}/out/a.txt`).cleancopy();
      staging.stageOut(file, { executor: 'x', workingDir: '/w' });
      const [step] = staging.replaceTaskStageOut(file, { executor: 'x', workingDir: '/w' });
      expect(step?.args).toMatchObject({ localPath: '/w/a.txt', user, password });
      expect(step?.description).toBe(`STOR /w/a.txt -> ftp://u:***@${host}/out/a.txt`);
    });
  });
});
