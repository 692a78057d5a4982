import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FtpSeparateTaskStaging } from '../../../src/adapters/staging/FtpSeparateTaskStaging.js';
import { StagingTransferError } from '../../../src/domain/errors/StagingErrors.js';
import { File } from '../../../src/domain/staging/File.js';
import { describeStagingContract, stageInLikeDataManager } from '../../contract/stagingContract.js';
import { describeWithService } from '../../support/describeWithService.js';
import { FlakyTcpProxy } from '../../support/FlakyTcpProxy.js';
import { FTP_HOW_TO_ENABLE, ftpService, isListening } from '../../support/ftpService.js';

const fast = { retries: 2, retryBaseDelayMs: 10, timeoutMs: 10_000 };
const { host, port, user, password } = ftpService;
const available = await isListening(host, port);

/** A fresh directory in the anonymous FTP root: returns its name and local path. */
const pubFixtureDir = async (): Promise<{ readonly name: string; readonly dir: string }> => {
  const dir = await mkdtemp(join(ftpService.pubDir, 'test-'));
  await chmod(dir, 0o755);
  return { name: dir.slice(ftpService.pubDir.length + 1), dir };
};

describeWithService('FTP staging against vsftpd', available, FTP_HOW_TO_ENABLE, () => {
  describeStagingContract('FtpSeparateTaskStaging', async () => {
    const { name, dir } = await pubFixtureDir();
    return {
      provider: new FtpSeparateTaskStaging(fast),
      createRemote: async (file, content) => {
        await writeFile(join(dir, file), content);
        return `ftp://${host}:${port}/${name}/${file}`;
      },
      missingUrl: `ftp://${host}:${port}/${name}/missing.txt`,
      foreignUrl: 'https://127.0.0.1/a.txt',
      copies: true,
      output: {
        urlFor: (file) => `ftp://${user}:${password}@${host}:${port}/${name}/${file}`,
        read: (url) => readFile(join(ftpService.homeDir, new URL(url).pathname), 'utf8'),
      },
      close: () => rm(dir, { recursive: true, force: true }),
    };
  });

  describe(FtpSeparateTaskStaging.name, () => {
    describe('when the password is wrong', () => {
      it('fails without retrying, naming the URL without its password', async () => {
        const staging = new FtpSeparateTaskStaging(fast);
        const url = `ftp://${user}:wrong@${host}:${port}/x.txt`;
        const failure = (await stageInLikeDataManager(staging, new File(url), {
          executor: 'x',
          workingDir: tmpdir(),
        }).catch((e: unknown) => e)) as StagingTransferError;
        expect(failure).toBeInstanceOf(StagingTransferError);
        expect(failure.message).toContain(`ftp://${user}:***@${host}:${port}/x.txt`);
        expect(failure.message).not.toContain('wrong');
        expect(failure.message).toContain('530');
        expect(failure.attempts).toBe(1);
        await staging.close();
      });
    });

    describe('when 10,000 small files are staged at once', () => {
      it('opens at most maxConnectionsPerServer control connections and reuses them', async () => {
        const { name, dir } = await pubFixtureDir();
        await Promise.all(
          Array.from({ length: 10_000 }, (_, i) => writeFile(join(dir, `f${i}.txt`), `${i}`)),
        );
        const proxy = await FlakyTcpProxy.start(host, port);
        const staging = new FtpSeparateTaskStaging({ ...fast, maxConnectionsPerServer: 8 });
        const workingDir = await mkdtemp(join(tmpdir(), 'parsl-ts-ftp-many-'));
        const files = Array.from({ length: 10_000 }, (_, i) =>
          new File(`ftp://127.0.0.1:${proxy.port}/${name}/f${i}.txt`).cleancopy(),
        );
        await Promise.all(
          files.map((file) => staging.stageIn(file, { executor: 'x', workingDir })),
        );
        expect(await readFile(join(workingDir, 'f9999.txt'), 'utf8')).toBe('9999');
        expect((await readdir(workingDir)).length).toBe(10_000);
        expect(proxy.connections).toBeLessThanOrEqual(8);
        expect(staging.connectionsOpened).toBe(proxy.connections);
        await staging.close();
        await proxy.close();
        await rm(dir, { recursive: true, force: true });
        await rm(workingDir, { recursive: true, force: true });
      }, 600_000);
    });
  });
});
