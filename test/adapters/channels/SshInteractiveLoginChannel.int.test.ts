import { afterEach, describe, expect, it } from 'vitest';
import { SshInteractiveLoginChannel } from '../../../src/adapters/channels/SshInteractiveLoginChannel.js';
import { AuthException } from '../../../src/domain/errors/ChannelErrors.js';
import { describeWithService } from '../../support/describeWithService.js';
import {
  SSHD_HOST,
  SSHD_HOW_TO,
  SSHD_KNOWN_HOSTS,
  SSHD_PASSWORD,
  SSHD_PASSWORD_USER,
  SSHD_PORT,
  sshdAvailable,
} from '../../support/sshdService.js';

const base = {
  hostname: SSHD_HOST,
  port: SSHD_PORT,
  username: SSHD_PASSWORD_USER,
  knownHostsFile: SSHD_KNOWN_HOSTS,
  agent: '',
};

describeWithService(
  `${SshInteractiveLoginChannel.name} (keyboard-interactive via PAM)`,
  sshdAvailable,
  SSHD_HOW_TO,
  () => {
    let channel: SshInteractiveLoginChannel | undefined;
    afterEach(async () => {
      await channel?.close();
    });

    it('answers the prompts with the prompter callback', async () => {
      const asked: string[] = [];
      channel = new SshInteractiveLoginChannel({
        ...base,
        prompter: async (prompt, target) => {
          asked.push(`${target} ${prompt.prompt} echo=${prompt.echo}`);
          return SSHD_PASSWORD;
        },
      });
      expect((await channel.executeWait('whoami')).stdout).toBe(`${SSHD_PASSWORD_USER}\n`);
      expect(asked).toEqual([`${SSHD_PASSWORD_USER}@127.0.0.1:${SSHD_PORT} Password:  echo=false`]);
    });

    it('answers the prompts with configured responses', async () => {
      channel = new SshInteractiveLoginChannel({
        ...base,
        responses: [{ match: '^password', answer: SSHD_PASSWORD }],
      });
      expect((await channel.executeWait('echo ok')).stdout).toBe('ok\n');
      expect(channel.promptsSeen).toEqual(['Password: ']);
    });

    it('throws AuthException when the answer is wrong', async () => {
      channel = new SshInteractiveLoginChannel({ ...base, prompter: async () => 'not-the-otp' });
      await expect(channel.executeWait('true')).rejects.toBeInstanceOf(AuthException);
    });

    describe('without password authentication', () => {
      it('does not fall back to the password method', async () => {
        // a password is set, but the channel may only use keyboard-interactive: the prompt decides
        channel = new SshInteractiveLoginChannel({
          ...base,
          password: SSHD_PASSWORD,
          responses: [{ match: 'password', answer: 'wrong' }],
        });
        await expect(channel.executeWait('true')).rejects.toBeInstanceOf(AuthException);
      });
    });
  },
);
