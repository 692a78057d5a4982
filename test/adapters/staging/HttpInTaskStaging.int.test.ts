import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HttpInTaskStaging } from '../../../src/adapters/staging/HttpInTaskStaging.js';
import { File } from '../../../src/domain/staging/File.js';
import { describeStagingContract, stageInLikeDataManager } from '../../contract/stagingContract.js';
import { FileHttpServer } from '../../support/FileHttpServer.js';
import { makeSelfSignedCert } from '../../support/selfSignedCert.js';

const fast = { retries: 2, retryBaseDelayMs: 10, timeoutMs: 5000 };

describeStagingContract('HttpInTaskStaging over http', async () => {
  const root = await mkdtemp(join(tmpdir(), 'parsl-ts-http-in-task-'));
  const server = await FileHttpServer.start(root);
  return {
    provider: new HttpInTaskStaging(fast),
    createRemote: async (name, content) => {
      await writeFile(join(root, name), content);
      return server.url(name);
    },
    missingUrl: server.url('missing.txt'),
    foreignUrl: 'file:///etc/hostname',
    copies: true,
    close: async () => {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
});

describeStagingContract(
  'HttpInTaskStaging over https (self-signed, trusted through caFile)',
  async () => {
    const root = await mkdtemp(join(tmpdir(), 'parsl-ts-https-in-task-'));
    const cert = await makeSelfSignedCert(root);
    const server = await FileHttpServer.start(root, cert);
    return {
      provider: new HttpInTaskStaging({ ...fast, caFile: cert.caFile }),
      createRemote: async (name, content) => {
        await writeFile(join(root, name), content);
        return server.url(name);
      },
      missingUrl: server.url('missing.txt'),
      foreignUrl: 'ftp://127.0.0.1/a.txt',
      copies: true,
      close: async () => {
        await server.close();
        await rm(root, { recursive: true, force: true });
      },
    };
  },
);

describe(HttpInTaskStaging.name, () => {
  describe('.replaceTask', () => {
    it('describes the download as JSON data the worker can run (no closure)', () => {
      const staging = new HttpInTaskStaging({ caFile: '/etc/ca.pem' });
      const file = new File('https://h.example/d/a.txt').cleancopy();
      staging.stageIn(file, { executor: 'cloud', workingDir: '/scratch' });
      const steps = staging.replaceTask(file, { executor: 'cloud', workingDir: '/scratch' });
      expect(JSON.parse(JSON.stringify(steps))).toEqual(steps);
      expect(steps[0]?.args).toMatchObject({
        url: 'https://h.example/d/a.txt',
        destination: '/scratch/a.txt',
        caFile: '/etc/ca.pem',
      });
    });
  });

  describe('when the server fails twice with 503', () => {
    it('retries inside the task and stages the file', async () => {
      const root = await mkdtemp(join(tmpdir(), 'parsl-ts-http-in-task-retry-'));
      const server = await FileHttpServer.start(root);
      await writeFile(join(root, 'r.txt'), 'r');
      server.failNext('r.txt', 2);
      const file = await stageInLikeDataManager(
        new HttpInTaskStaging(fast),
        new File(server.url('r.txt')),
        {
          executor: 'x',
          workingDir: join(root, 'wd'),
        },
      );
      expect(await readdir(join(root, 'wd'))).toEqual(['r.txt']);
      expect(file.filepath).toBe(join(root, 'wd', 'r.txt'));
      expect(server.requests.filter((r) => r === 'GET /r.txt')).toHaveLength(3);
      await server.close();
      await rm(root, { recursive: true, force: true });
    });
  });
});
