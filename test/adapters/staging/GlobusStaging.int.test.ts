import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GlobusStaging } from '../../../src/adapters/staging/GlobusStaging.js';
import { StagingTransferError } from '../../../src/domain/errors/StagingErrors.js';
import { File } from '../../../src/domain/staging/File.js';
import type { StagingProvider } from '../../../src/ports/StagingProvider.js';
import { describeStagingContract, stageInLikeDataManager } from '../../contract/stagingContract.js';
import { FakeGlobusAuthApi } from '../../fakes/FakeGlobusAuthApi.js';
import { FakeGlobusTransferApi } from '../../fakes/FakeGlobusTransferApi.js';

const SRC = '037f054a-15cf-11e8-b611-0ac6873fc732';
const DST = 'ddb59aef-6d04-11e5-ba46-22000b92c6ec';
const EXEC = '7d2dc622-2edb-11e8-b8be-0ac6873fc732';
const fast = { pollIntervalMs: 5, retries: 1, retryBaseDelayMs: 5 };

describeStagingContract('GlobusStaging against FakeGlobusTransferApi', async () => {
  const root = await mkdtemp(join(tmpdir(), 'parsl-ts-globus-'));
  await mkdir(join(root, 'src'));
  await mkdir(join(root, 'dst'));
  // The executor's endpoint exports the whole local filesystem, so workingDir maps to itself.
  const api = await FakeGlobusTransferApi.start({
    endpoints: { [SRC]: join(root, 'src'), [DST]: join(root, 'dst'), [EXEC]: '/' },
    validTokens: ['good-token'],
  });
  return {
    provider: new GlobusStaging({
      endpointUuid: EXEC,
      transferUrl: api.baseUrl,
      accessToken: 'good-token',
      ...fast,
    }),
    createRemote: async (name, content) => {
      await writeFile(join(root, 'src', name), content);
      return `globus://${SRC}/${name}`;
    },
    missingUrl: `globus://${SRC}/missing.txt`,
    foreignUrl: 'file:///tmp/a.txt',
    copies: true,
    output: {
      urlFor: (name) => `globus://${DST}/out/${name}`,
      read: (url) => readFile(join(root, 'dst', new File(url).path), 'utf8'),
    },
    close: async () => {
      expect(api.unscripted).toEqual([]);
      await api.close();
      await rm(root, { recursive: true, force: true });
    },
  };
});

describe(GlobusStaging.name, () => {
  let root: string;
  let api: FakeGlobusTransferApi;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'parsl-ts-globus-unit-'));
    await mkdir(join(root, 'src'));
    await mkdir(join(root, 'exec', 'runs', 'wd'), { recursive: true });
    await writeFile(join(root, 'src', 'unsorted.txt'), 'b\na\n');
    api = await FakeGlobusTransferApi.start({
      endpoints: { [SRC]: join(root, 'src'), [EXEC]: join(root, 'exec') },
      validTokens: ['good-token'],
      pollsBeforeDone: 2,
    });
  });
  afterAll(async () => {
    await api.close();
    await rm(root, { recursive: true, force: true });
  });

  describe('with endpointPath "/" standing for localPath <exec root>', () => {
    it('transfers into the endpoint path that maps to workingDir, with a Bearer token on every call', async () => {
      const staging = new GlobusStaging({
        endpointUuid: EXEC,
        endpointPath: '/',
        localPath: join(root, 'exec'),
        transferUrl: api.baseUrl,
        accessToken: 'good-token',
        ...fast,
      });
      const workingDir = join(root, 'exec', 'runs', 'wd');
      const file = await stageInLikeDataManager(staging, new File(`globus://${SRC}/unsorted.txt`), {
        executor: 'x',
        workingDir,
      });
      expect(file.filepath).toBe(join(workingDir, 'unsorted.txt'));
      expect(await readFile(file.filepath, 'utf8')).toBe('b\na\n');
      const transfer = api.requests.find((r) => r.path === '/transfer');
      expect(transfer?.body).toMatchObject({
        DATA_TYPE: 'transfer',
        source_endpoint: SRC,
        destination_endpoint: EXEC,
        DATA: [
          {
            DATA_TYPE: 'transfer_item',
            source_path: '/unsorted.txt',
            destination_path: '/runs/wd/unsorted.txt',
          },
        ],
      });
      expect(api.requests.every((r) => r.authorization === 'Bearer good-token')).toBe(true);
      expect(api.requests.map((r) => r.path)).toContain(
        `/endpoint/${SRC}/autoactivate?if_expires_in=3600`,
      );
    });
  });

  describe('when the token is not active', () => {
    it('fails with the API error code and the URL', async () => {
      const staging = new GlobusStaging({
        endpointUuid: EXEC,
        transferUrl: api.baseUrl,
        accessToken: 'stale',
        ...fast,
      });
      const failure = (await stageInLikeDataManager(
        staging,
        new File(`globus://${SRC}/unsorted.txt`),
        {
          executor: 'x',
          workingDir: join(root, 'exec'),
        },
      ).catch((e: unknown) => e)) as Error;
      expect(failure.message).toMatch(
        /GlobusStaging\.stageIn: submitting transfer .* failed: Globus Transfer API HTTP 401 AuthenticationFailed/,
      );
      expect(failure.message).toContain(`url=globus://${SRC}/unsorted.txt`);
    });
  });

  describe('when an endpoint cannot be auto-activated', () => {
    it('fails naming the endpoint', async () => {
      api.inactiveEndpoints.add(SRC);
      const staging = new GlobusStaging({
        endpointUuid: EXEC,
        transferUrl: api.baseUrl,
        accessToken: 'good-token',
        ...fast,
      });
      const failure = (await stageInLikeDataManager(
        staging,
        new File(`globus://${SRC}/unsorted.txt`),
        {
          executor: 'x',
          workingDir: join(root, 'exec'),
        },
      ).catch((e: unknown) => e)) as Error;
      api.inactiveEndpoints.delete(SRC);
      expect(failure.message).toContain(`endpoint ${SRC} could not be auto-activated`);
    });
  });

  describe('when closed while a transfer is still running', () => {
    const slowPolls = { ...fast, pollIntervalMs: 60_000 };
    /** DataManager.close() calls the port's optional close(). */
    const closeLikeDataManager = (provider: StagingProvider): Promise<void> | undefined =>
      provider.close?.();
    const timers = (): number =>
      process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

    it('rejects the pending stage-in at once, naming the task, and leaves no poll timer', async () => {
      const stuck = await FakeGlobusTransferApi.start({
        endpoints: { [SRC]: join(root, 'src'), [EXEC]: '/' },
        validTokens: ['good-token'],
        pollsBeforeDone: Number.MAX_SAFE_INTEGER,
      });
      const staging = new GlobusStaging({
        endpointUuid: EXEC,
        transferUrl: stuck.baseUrl,
        accessToken: 'good-token',
        ...slowPolls,
      });
      const timersBefore = timers();
      const file = new File(`globus://${SRC}/unsorted.txt`);
      const staged = staging.stageIn(file, { executor: 'x', workingDir: join(root, 'exec') });
      const outcome = staged.then(
        () => 'staged',
        (error: unknown) => error,
      );
      await vi.waitUntil(() => stuck.requests.some((r) => r.path.startsWith('/task/')));
      const [taskId] = stuck.tasks.keys();
      const closedAt = Date.now();
      await closeLikeDataManager(staging);
      let timer: NodeJS.Timeout | undefined;
      const failure = await Promise.race([
        outcome,
        new Promise((done) => {
          timer = setTimeout(done, 1000, 'still waiting');
        }),
      ]);
      clearTimeout(timer);
      expect(Date.now() - closedAt).toBeLessThan(1000);
      expect(failure).toBeInstanceOf(StagingTransferError);
      expect((failure as Error).message).toMatch(
        /^GlobusStaging\.stageIn: stopped waiting for Globus transfer task \S+ .*: the kernel was closed/,
      );
      expect((failure as Error).message).toContain(`task ${taskId} (`);
      expect(timers()).toBeLessThanOrEqual(timersBefore);
      await stuck.close();
    });

    it('refuses new transfers without calling the API', async () => {
      const requestsBefore = api.requests.length;
      const staging = new GlobusStaging({
        endpointUuid: EXEC,
        transferUrl: api.baseUrl,
        accessToken: 'good-token',
        ...slowPolls,
      });
      await closeLikeDataManager(staging);
      const file = new File(`globus://${SRC}/unsorted.txt`);
      await expect(
        staging.stageIn(file, { executor: 'x', workingDir: join(root, 'exec') }),
      ).rejects.toThrow(/transfer .* was not submitted: the kernel was closed/);
      expect(api.requests.length).toBe(requestsBefore);
    });
  });

  describe('when the stored Transfer token has expired', () => {
    it('refreshes it through Globus Auth, uses it and saves it with mode 0600', async () => {
      const transferApi = await FakeGlobusTransferApi.start({
        endpoints: { [SRC]: join(root, 'src'), [EXEC]: '/' },
        validTokens: [],
      });
      const auth = await FakeGlobusAuthApi.start((token) => transferApi.validTokens.add(token));
      auth.grantRefreshToken('refresh-from-last-week');
      const tokenFile = join(root, 'home', '.parsl-ts', 'globus.json');
      await mkdir(join(root, 'home', '.parsl-ts'), { recursive: true });
      await writeFile(
        tokenFile,
        JSON.stringify({
          'transfer.api.globus.org': {
            access_token: 'expired',
            refresh_token: 'refresh-from-last-week',
            expires_at_seconds: 1,
            scope: 'urn:globus:auth:scope:transfer.api.globus.org:all',
            token_type: 'Bearer',
            resource_server: 'transfer.api.globus.org',
          },
        }),
      );
      const staging = new GlobusStaging({
        endpointUuid: EXEC,
        transferUrl: transferApi.baseUrl,
        authUrl: auth.baseUrl,
        clientId: 'cid',
        tokenFile,
        ...fast,
      });
      const file = await stageInLikeDataManager(staging, new File(`globus://${SRC}/unsorted.txt`), {
        executor: 'x',
        workingDir: join(root, 'exec'),
      });
      expect(await readFile(file.filepath, 'utf8')).toBe('b\na\n');
      expect(auth.tokenRequests).toEqual([
        { grant_type: 'refresh_token', refresh_token: 'refresh-from-last-week', client_id: 'cid' },
      ]);
      const saved = JSON.parse(await readFile(tokenFile, 'utf8')) as Record<
        string,
        { access_token: string }
      >;
      expect(saved['transfer.api.globus.org']?.access_token).toBe(auth.issuedTransferTokens[0]);
      expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
      await transferApi.close();
      await auth.close();
    });
  });
});
