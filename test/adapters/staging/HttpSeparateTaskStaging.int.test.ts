import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSeparateTaskStaging } from '../../../src/adapters/staging/HttpSeparateTaskStaging.js';
import { StagingTransferError } from '../../../src/domain/errors/StagingErrors.js';
import { File } from '../../../src/domain/staging/File.js';
import { describeStagingContract, stageInLikeDataManager } from '../../contract/stagingContract.js';
import { FileHttpServer } from '../../support/FileHttpServer.js';
import { makeSelfSignedCert } from '../../support/selfSignedCert.js';

const fast = { retries: 2, retryBaseDelayMs: 10, timeoutMs: 5000 };

describeStagingContract('HttpSeparateTaskStaging over http', async () => {
  const root = await mkdtemp(join(tmpdir(), 'parsl-ts-http-root-'));
  const server = await FileHttpServer.start(root);
  return {
    provider: new HttpSeparateTaskStaging(fast),
    createRemote: async (name, content) => {
      await writeFile(join(root, name), content);
      return server.url(name);
    },
    missingUrl: server.url('no/such/file.txt'),
    foreignUrl: 'ftp://127.0.0.1/a.txt',
    copies: true,
    close: async () => {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
});

describeStagingContract(
  'HttpSeparateTaskStaging over https (self-signed, trusted through caFile)',
  async () => {
    const root = await mkdtemp(join(tmpdir(), 'parsl-ts-https-root-'));
    const cert = await makeSelfSignedCert(root);
    const server = await FileHttpServer.start(root, cert);
    return {
      provider: new HttpSeparateTaskStaging({ ...fast, caFile: cert.caFile }),
      createRemote: async (name, content) => {
        await writeFile(join(root, name), content);
        return server.url(name);
      },
      missingUrl: server.url('missing.txt'),
      foreignUrl: 'globus://ep/a.txt',
      copies: true,
      close: async () => {
        await server.close();
        await rm(root, { recursive: true, force: true });
      },
    };
  },
);

describe(HttpSeparateTaskStaging.name, () => {
  let root: string;
  let workingDir: string;
  let server: FileHttpServer;
  let tlsServer: FileHttpServer;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'parsl-ts-http-'));
    workingDir = join(root, 'wd');
    await mkdir(join(root, 'srv'));
    const cert = await makeSelfSignedCert(root);
    server = await FileHttpServer.start(join(root, 'srv'));
    tlsServer = await FileHttpServer.start(join(root, 'srv'), cert);
    await writeFile(join(root, 'srv', 'data.txt'), 'payload\n');
  });
  afterAll(async () => {
    await server.close();
    await tlsServer.close();
    await rm(root, { recursive: true, force: true });
  });

  describe('when the server answers 503 twice and then the file', () => {
    it('retries and stages the file', async () => {
      server.failNext('data.txt', 2);
      const staging = new HttpSeparateTaskStaging(fast);
      const file = await stageInLikeDataManager(staging, new File(server.url('data.txt')), {
        executor: 'x',
        workingDir,
      });
      expect(await readFile(file.filepath, 'utf8')).toBe('payload\n');
      await staging.close();
    });
  });

  describe('when the body is cut short on every attempt', () => {
    it('fails after its retries and never leaves a partial file under the final name', async () => {
      await writeFile(join(root, 'srv', 'big.bin'), Buffer.alloc(256 * 1024, 7));
      server.truncate('big.bin');
      const staging = new HttpSeparateTaskStaging(fast);
      const dir = join(root, 'wd-trunc');
      const failure = await stageInLikeDataManager(staging, new File(server.url('big.bin')), {
        executor: 'x',
        workingDir: dir,
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StagingTransferError);
      expect((failure as StagingTransferError).attempts).toBe(3);
      expect(await readdir(dir)).toEqual([]);
      await staging.close();
    });
  });

  describe('when nothing listens on the port', () => {
    it('fails with an error naming the URL and the refused connection', async () => {
      const url = 'http://127.0.0.1:1/nothing.txt';
      const staging = new HttpSeparateTaskStaging(fast);
      const failure = (await stageInLikeDataManager(staging, new File(url), {
        executor: 'x',
        workingDir,
      }).catch((e: unknown) => e)) as Error;
      expect(failure.message).toMatch(
        /^HttpSeparateTaskStaging\.stageIn: GET .* failed: .*ECONNREFUSED/,
      );
      expect(failure.message).toContain(url);
      await staging.close();
    });
  });

  describe('when an https server is not trusted', () => {
    it('fails at once with a hint to set caFile', async () => {
      const staging = new HttpSeparateTaskStaging(fast);
      const failure = (await stageInLikeDataManager(staging, new File(tlsServer.url('data.txt')), {
        executor: 'x',
        workingDir,
      }).catch((e: unknown) => e)) as StagingTransferError;
      expect(failure.message).toContain('caFile');
      expect(failure.attempts).toBe(1);
      await staging.close();
    });
  });

  describe('when caFile cannot be read', () => {
    it('fails with a StagingError naming caFile', async () => {
      const staging = new HttpSeparateTaskStaging({
        ...fast,
        caFile: join(root, 'no-such-ca.pem'),
      });
      const failure = (await stageInLikeDataManager(staging, new File(tlsServer.url('data.txt')), {
        executor: 'x',
        workingDir,
      }).catch((e: unknown) => e)) as Error;
      expect(failure.message).toMatch(
        /^HttpSeparateTaskStaging: cannot read caFile .*no-such-ca\.pem/,
      );
      await staging.close();
    });
  });

  describe('when 10,000 small files are staged at once', () => {
    it('keeps at most maxConcurrent transfers and connections', async () => {
      const dir = join(root, 'srv', 'many');
      await mkdir(dir);
      await Promise.all(
        Array.from({ length: 10_000 }, (_, i) => writeFile(join(dir, `f${i}.txt`), `${i}`)),
      );
      const staging = new HttpSeparateTaskStaging({ ...fast, maxConcurrent: 8 });
      const before = server.connections;
      const files = Array.from({ length: 10_000 }, (_, i) =>
        new File(server.url(`many/f${i}.txt`)).cleancopy(),
      );
      await Promise.all(
        files.map((file) =>
          staging.stageIn(file, { executor: 'x', workingDir: join(root, 'many-wd') }),
        ),
      );
      expect(await readFile(files[9_999]?.filepath ?? '', 'utf8')).toBe('9999');
      expect(staging.peakConcurrency).toBeLessThanOrEqual(8);
      expect(server.connections - before).toBeLessThanOrEqual(8);
      await staging.close();
    }, 300_000);
  });
});
