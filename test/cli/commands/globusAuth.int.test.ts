import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/commands/globusAuth.js';
import { FakeGlobusAuthApi } from '../../fakes/FakeGlobusAuthApi.js';

/** Runs the command with piped streams; `browser` plays the user: opens the URL, types the code. */
const runWith = async (argv: string[], browser?: (url: string) => Promise<string>) => {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const url = /^(http\S+\/v2\/oauth2\/authorize\S+)$/m.exec(out)?.[1];
    if (url !== undefined && browser !== undefined && out.includes('Enter the auth code: ')) {
      const answer = browser;
      browser = undefined;
      void answer(url).then((code) => stdin.write(`${code}\n`));
    }
  });
  const code = await run(argv, { stdin, stdout, stderr });
  return { code, out, err };
};

describe('parsl-ts globus-auth', () => {
  let auth: FakeGlobusAuthApi;
  let dir: string;

  beforeAll(async () => {
    auth = await FakeGlobusAuthApi.start();
    dir = await mkdtemp(join(tmpdir(), 'parsl-ts-globus-auth-'));
  });
  afterAll(async () => {
    await auth.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('--help explains the options', async () => {
    const { code, out } = await runWith(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('--client-id');
    expect(out).toContain('--token-file');
  });

  it('refuses to run without a client id, saying where to get one', async () => {
    const saved = process.env['PARSL_TS_GLOBUS_CLIENT_ID'];
    delete process.env['PARSL_TS_GLOBUS_CLIENT_ID'];
    const { code, err } = await runWith([
      '--auth-url',
      auth.baseUrl,
      '--token-file',
      join(dir, 'none.json'),
    ]);
    if (saved !== undefined) process.env['PARSL_TS_GLOBUS_CLIENT_ID'] = saved;
    expect(code).toBe(2);
    expect(err).toContain('--client-id');
  });

  describe('when no tokens are stored', () => {
    it('runs the PKCE flow, stores the tokens with mode 0600 and says so', async () => {
      const tokenFile = join(dir, 'sub', 'globus.json');
      const { code, out } = await runWith(
        ['--auth-url', auth.baseUrl, '--client-id', 'cid-1', '--token-file', tokenFile],
        async (url) => (await fetch(url)).text(),
      );
      expect(code).toBe(0);
      expect(out).toContain('Parsl Globus command-line authoriser');
      expect(out).toContain('Authorization complete');
      const tokens = JSON.parse(await readFile(tokenFile, 'utf8')) as Record<
        string,
        { access_token: string }
      >;
      expect(tokens['transfer.api.globus.org']?.access_token).toBe(
        auth.issuedTransferTokens.at(-1),
      );
      expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
      expect(auth.tokenRequests.at(-1)).toMatchObject({
        grant_type: 'authorization_code',
        client_id: 'cid-1',
      });
    });
  });

  describe('when valid tokens are stored', () => {
    it('does nothing but confirm', async () => {
      const tokenFile = join(dir, 'valid.json');
      await writeFile(
        tokenFile,
        JSON.stringify({
          'transfer.api.globus.org': {
            access_token: 'ok',
            refresh_token: null,
            expires_at_seconds: Date.now() / 1000 + 3600,
            scope: 's',
            token_type: 'Bearer',
            resource_server: 'transfer.api.globus.org',
          },
        }),
      );
      const before = auth.tokenRequests.length;
      const { code, out } = await runWith([
        '--auth-url',
        auth.baseUrl,
        '--client-id',
        'cid',
        '--token-file',
        tokenFile,
      ]);
      expect(code).toBe(0);
      expect(out).not.toContain('Please visit');
      expect(auth.tokenRequests.length).toBe(before);
    });
  });

  describe('when the pasted code is wrong', () => {
    it('exits 1 and stores nothing', async () => {
      const tokenFile = join(dir, 'wrong.json');
      const { code, err } = await runWith(
        ['--auth-url', auth.baseUrl, '--client-id', 'cid', '--token-file', tokenFile],
        async () => 'not-a-code',
      );
      expect(code).toBe(1);
      expect(err).toContain('refused the code');
      await expect(stat(tokenFile)).rejects.toThrow('ENOENT');
    });
  });
});
