import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContainerModule } from 'inversify';
import { afterEach, describe, expect, it } from 'vitest';
import {
  app,
  bashApp,
  type DataFlowKernel,
  DependencyError,
  File,
  type Special,
  special,
  TOKENS,
  UnsupportedSchemeError,
} from '../../../src/index.js';
import { FakeGlobusTransferApi } from '../../fakes/FakeGlobusTransferApi.js';
import { FakeStagingProvider } from '../../fakes/FakeStagingProvider.js';
import { describeWithService } from '../../support/describeWithService.js';
import { FileHttpServer } from '../../support/FileHttpServer.js';
import { FTP_HOW_TO_ENABLE, ftpService, isListening } from '../../support/ftpService.js';
import { tempDir } from '../../support/tempRunDir.js';
import { loadTestKernel } from '../../support/testKernel.js';

let kernel: DataFlowKernel | undefined;
afterEach(async () => {
  await kernel?.cleanup({ abort: true });
  kernel = undefined;
});

const ftpAvailable = await isListening(ftpService.host, ftpService.port);

describe('data staging through the kernel (seed examples)', () => {
  it('cat of a local file: a file: File is passed through and stdout is captured (S004 "Local")', async () => {
    kernel = await loadTestKernel();
    const dir = tempDir();
    await writeFile(join(dir, 'test.txt'), 'Hello\n');
    const cat = bashApp((s: Special) => `cat ${s.inputs[0]}`, { kernel });
    const future = cat(
      special({
        inputs: [new File(`file://${join(dir, 'test.txt')}`)],
        stdout: join(dir, 'stdout.txt'),
      }),
    );
    expect(await future).toBe(0);
    expect(await readFile(join(dir, 'stdout.txt'), 'utf8')).toBe('Hello\n');
  });

  it('a two-app chain passes a DataFuture: the second app waits for the first one\'s output (S001 "DataFutures")', async () => {
    kernel = await loadTestKernel();
    const dir = tempDir();
    await writeFile(join(dir, 'test0.txt'), '1');
    const increment = app(
      async (s: Special<File>) => {
        const { readFile: read, writeFile: write } = await import('node:fs/promises');
        const value = Number(await read(String(s.inputs[0]), 'utf8'));
        await write(String(s.outputs[0]), String(value + 1));
      },
      { kernel },
    );
    const first = increment(
      special({
        inputs: [new File(join(dir, 'test0.txt'))],
        outputs: [new File(join(dir, 'test1.txt'))],
      }),
    );
    const df = first.outputs[0];
    if (df === undefined) throw new Error('no DataFuture');
    const second = increment(
      special({ inputs: [df], outputs: [new File(join(dir, 'test2.txt'))] }),
    );
    const staged = await second.outputs[0];
    expect(staged?.filepath).toBe(join(dir, 'test2.txt'));
    expect(await readFile(join(dir, 'test2.txt'), 'utf8')).toBe('3');
  });

  describe('over HTTP', () => {
    it('stages an http: input as a separate task into the executor workingDir before the app runs', async () => {
      const root = tempDir();
      const server = await FileHttpServer.start(root);
      await writeFile(join(root, 'words.txt'), 'b\na\n');
      const workingDir = join(root, 'wd');
      kernel = await loadTestKernel({
        executors: [{ kind: 'in-process', label: 'local', workingDir }],
      });
      const sortWords = bashApp((s: Special) => `sort ${s.inputs[0]} > ${s.outputs[0]}`, {
        kernel,
      });
      const future = sortWords(
        special({
          inputs: [new File(server.url('words.txt'))],
          outputs: [join(root, 'sorted.txt')],
        }),
      );
      expect(await future).toBe(0);
      expect(await readFile(join(root, 'sorted.txt'), 'utf8')).toBe('a\nb\n');
      expect(await readFile(join(workingDir, 'words.txt'), 'utf8')).toBe('b\na\n');
      await server.close();
    });

    it('stages in-task (http-in-task): the download runs inside the task, for bash and function apps', async () => {
      const root = tempDir();
      const server = await FileHttpServer.start(root);
      await writeFile(join(root, 'n.txt'), '41');
      const workingDir = join(root, 'worker');
      kernel = await loadTestKernel({
        executors: [
          {
            kind: 'in-process',
            label: 'local',
            workingDir,
            storageAccess: [{ kind: 'http-in-task' }],
          },
        ],
      });
      const readNumber = app(
        async (s: Special<File>) => Number(await readFile(s.inputs[0]?.filepath ?? '', 'utf8')) + 1,
        { kernel },
      );
      expect(await readNumber(special({ inputs: [new File(server.url('n.txt'))] }))).toBe(42);
      const cat = bashApp((s: Special) => `cat ${s.inputs[0]}`, { kernel });
      expect(
        await cat(
          special({ inputs: [new File(server.url('n.txt'))], stdout: join(root, 'cat.out') }),
        ),
      ).toBe(0);
      expect(await readFile(join(root, 'cat.out'), 'utf8')).toBe('41');
      expect(server.requests.filter((r) => r === 'GET /n.txt')).toHaveLength(2);
      await server.close();
    });

    it('a 404 fails the task with an error naming the URL, the executor and its providers', async () => {
      const root = tempDir();
      const server = await FileHttpServer.start(root);
      kernel = await loadTestKernel({
        executors: [{ kind: 'in-process', label: 'local', workingDir: join(root, 'wd') }],
      });
      const touch = app((_s: Special) => 'ran', { kernel });
      const error = await touch(
        special({ inputs: [new File(server.url('missing.txt'))] }),
      ).exception();
      expect(error).toBeInstanceOf(DependencyError);
      const message = (error as Error).message;
      expect(message).toContain(server.url('missing.txt'));
      expect(message).toContain('HTTP 404');
      expect(message).toContain(
        'executor local (storageAccess: NoOpFileStaging, FtpSeparateTaskStaging, HttpSeparateTaskStaging)',
      );
      await server.close();
    });
  });

  it('an unknown scheme fails the call at once, naming the URL and the configured providers', async () => {
    kernel = await loadTestKernel();
    const touch = app((_s: Special) => 'ran', { kernel });
    expect(() => touch(special({ inputs: [new File('s3://bucket/key.txt')] }))).toThrow(
      UnsupportedSchemeError,
    );
    expect(() => touch(special({ inputs: [new File('s3://bucket/key.txt')] }))).toThrow(
      /s3:\/\/bucket\/key\.txt on executor local \(configured: NoOpFileStaging, FtpSeparateTaskStaging, HttpSeparateTaskStaging\)/,
    );
  });

  it('a provider bound to TOKENS.StagingProvider joins the default list (user-defined staging)', async () => {
    const fake = new FakeStagingProvider({ remote: { 'fake://store/in.txt': 'from the fake\n' } });
    const workingDir = tempDir();
    kernel = await loadTestKernel(
      { executors: [{ kind: 'in-process', label: 'local', workingDir }] },
      {
        overrides: [
          new ContainerModule(
            ({ bind }) => void bind(TOKENS.StagingProvider).toConstantValue(fake),
          ),
        ],
      },
    );
    const shout = app(
      async (s: Special<File>) => {
        const text = await readFile(s.inputs[0]?.filepath ?? '', 'utf8');
        await writeFile(s.outputs[0]?.filepath ?? '', text.toUpperCase());
      },
      { kernel },
    );
    const future = shout(
      special({
        inputs: [new File('fake://store/in.txt')],
        outputs: [new File('fake://store/out.txt')],
      }),
    );
    await future.outputs[0];
    expect(fake.remote.get('fake://store/out.txt')).toBe('FROM THE FAKE\n');
    expect(fake.stageInCalls[0]?.executor).toBe('local');
  });

  it('the Globus sort example, against the fake Transfer API (S004 "Globus")', async () => {
    const root = tempDir();
    const SRC = '037f054a-15cf-11e8-b611-0ac6873fc732';
    const DST = 'ddb59aef-6d04-11e5-ba46-22000b92c6ec';
    const EXEC = '7d2dc622-2edb-11e8-b8be-0ac6873fc732';
    for (const d of ['src', 'dst', 'exec/wd']) await mkdir(join(root, d), { recursive: true });
    await writeFile(join(root, 'src', 'unsorted.txt'), 'pear\napple\nfig\n');
    const api = await FakeGlobusTransferApi.start({
      endpoints: { [SRC]: join(root, 'src'), [DST]: join(root, 'dst'), [EXEC]: join(root, 'exec') },
      validTokens: ['tok'],
    });
    const tokenFile = join(root, 'globus.json');
    await writeFile(
      tokenFile,
      JSON.stringify({
        'transfer.api.globus.org': {
          access_token: 'tok',
          refresh_token: null,
          expires_at_seconds: Date.now() / 1000 + 3600,
          scope: 'urn:globus:auth:scope:transfer.api.globus.org:all',
          token_type: 'Bearer',
          resource_server: 'transfer.api.globus.org',
        },
      }),
    );
    kernel = await loadTestKernel({
      executors: [
        {
          kind: 'in-process',
          label: 'local',
          workingDir: join(root, 'exec', 'wd'),
          storageAccess: [
            { kind: 'no-op-file' },
            { kind: 'ftp' },
            { kind: 'http' },
            {
              kind: 'globus',
              endpointUuid: EXEC,
              endpointPath: '/',
              localPath: join(root, 'exec'),
              transferUrl: api.baseUrl,
              tokenFile,
              pollIntervalMs: 5,
            },
          ],
        },
      ],
    });
    const sortStrings = app(
      async (s: Special<File>) => {
        const lines = (await readFile(s.inputs[0]?.filepath ?? '', 'utf8'))
          .split('\n')
          .filter(Boolean)
          .sort();
        await writeFile(s.outputs[0]?.filepath ?? '', `${lines.join('\n')}\n`);
      },
      { kernel },
    );
    const f = sortStrings(
      special({
        inputs: [new File(`globus://${SRC}/unsorted.txt`)],
        outputs: [new File(`globus://${DST}/sorted.txt`)],
      }),
    );
    await f;
    await f.outputs[0];
    expect(await readFile(join(root, 'dst', 'sorted.txt'), 'utf8')).toBe('apple\nfig\npear\n');
    expect(api.unscripted).toEqual([]);
    await api.close();
  });
});

describeWithService('FTP staging through the kernel', ftpAvailable, FTP_HOW_TO_ENABLE, () => {
  it('downloads an ftp: input and writes it upper-cased to a local output (S004 "FTP, HTTP, HTTPS")', async () => {
    const pub = await mkdtemp(join(ftpService.pubDir, 'kernel-'));
    await chmod(pub, 0o755);
    await writeFile(join(pub, 'ARIN-STATS-FORMAT-CHANGE.txt'), 'arin stats format\n');
    const out = tempDir();
    kernel = await loadTestKernel({
      executors: [{ kind: 'in-process', label: 'local', workingDir: tempDir() }],
    });
    const convert = app(
      async (s: Special<File>) => {
        const content = await readFile(s.inputs[0]?.filepath ?? '', 'utf8');
        await writeFile(s.outputs[0]?.filepath ?? '', content.toUpperCase());
      },
      { kernel },
    );
    const inp = new File(
      `ftp://${ftpService.host}:${ftpService.port}/${pub.slice(ftpService.pubDir.length + 1)}/ARIN-STATS-FORMAT-CHANGE.txt`,
    );
    const outFile = new File(`file://${join(out, 'ARIN-STATS-FORMAT-CHANGE.txt')}`);
    await convert(special({ inputs: [inp], outputs: [outFile] }));
    expect(await readFile(join(out, 'ARIN-STATS-FORMAT-CHANGE.txt'), 'utf8')).toBe(
      'ARIN STATS FORMAT\n',
    );
    await rm(pub, { recursive: true, force: true });
  });
});
