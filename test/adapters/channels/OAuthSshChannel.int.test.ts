import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OAuthSshChannel } from '../../../src/adapters/channels/OAuthSshChannel.js';
import { AuthException } from '../../../src/domain/errors/ChannelErrors.js';
import { FakeOAuthTokenService } from '../../fakes/FakeOAuthTokenService.js';
import { describeWithService } from '../../support/describeWithService.js';
import {
  SSHD_HOST,
  SSHD_HOW_TO,
  SSHD_KNOWN_HOSTS,
  SSHD_OAUTH_URL_FILE,
  SSHD_OAUTH_USER,
  SSHD_PORT,
  sshdAvailable,
} from '../../support/sshdService.js';

describeWithService(
  `${OAuthSshChannel.name} with a local OAuth server and PAM token check`,
  sshdAvailable,
  SSHD_HOW_TO,
  () => {
    const service = new FakeOAuthTokenService([{ clientId: 'parsl-ts', clientSecret: 's3cret' }]);
    const make = (clientSecret: string): OAuthSshChannel =>
      new OAuthSshChannel({
        hostname: SSHD_HOST,
        port: SSHD_PORT,
        username: SSHD_OAUTH_USER,
        knownHostsFile: SSHD_KNOWN_HOSTS,
        agent: '',
        tokenUrl: service.tokenUrl,
        clientId: 'parsl-ts',
        clientSecret,
      });
    beforeAll(async () => {
      await service.start();
      mkdirSync(dirname(SSHD_OAUTH_URL_FILE), { recursive: true });
      // the sshd's PAM check (scripts/services/sshd.sh) asks this endpoint whether a token is active
      writeFileSync(SSHD_OAUTH_URL_FILE, service.introspectUrl);
    });
    afterAll(async () => {
      await service.stop();
    });

    it('logs in with a token from the token endpoint', async () => {
      const channel = make('s3cret');
      try {
        expect((await channel.executeWait('whoami')).stdout).toBe(`${SSHD_OAUTH_USER}\n`);
        expect(service.tokenRequests.at(-1)).toEqual({ clientId: 'parsl-ts', granted: true });
        expect(service.introspections.at(-1)?.active).toBe(true);
      } finally {
        await channel.close();
      }
    });

    it('throws AuthException naming the endpoint when the client is refused', async () => {
      const channel = make('wrong');
      const error = await channel.executeWait('true').catch((e: unknown) => e);
      await channel.close();
      expect(error).toBeInstanceOf(AuthException);
      expect(String(error)).toMatch(
        /token endpoint http:\/\/127\.0\.0\.1:\d+\/token answered 401 \(invalid_client.*clientSecret/,
      );
    });

    it('is refused by the host when the token was revoked', async () => {
      const channel = make('s3cret');
      const token = await channel.fetchToken();
      service.revoke(token);
      // a fresh channel gets a new token, so probe the server with the revoked one directly
      const { Client } = await import('ssh2');
      const refused = await new Promise<boolean>((resolve) => {
        const c = new Client();
        c.on('ready', () => {
          c.end();
          resolve(false);
        });
        c.on('error', () => resolve(true));
        c.connect({
          host: SSHD_HOST,
          port: SSHD_PORT,
          username: SSHD_OAUTH_USER,
          password: token,
          hostVerifier: () => true,
        });
      });
      expect(refused).toBe(true);
      expect(service.introspections.at(-1)).toEqual({ token, active: false });
      await channel.close();
    });
  },
);
