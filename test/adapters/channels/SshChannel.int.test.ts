import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshChannel, type SshChannelOptions } from '../../../src/adapters/channels/SshChannel.js';
import {
  AuthException,
  BadHostKeyException,
  ChannelTimeout,
  SSHException,
} from '../../../src/domain/errors/ChannelErrors.js';
import { describeChannelContract } from '../../contract/channelContract.js';
import { describeWithService } from '../../support/describeWithService.js';
import {
  SSHD_DIR,
  SSHD_HOST,
  SSHD_HOW_TO,
  SSHD_KEY,
  SSHD_KNOWN_HOSTS,
  SSHD_OTHER_KEY,
  SSHD_PASSWORD,
  SSHD_PASSWORD_USER,
  SSHD_PORT,
  sshdAvailable,
} from '../../support/sshdService.js';
import { until } from '../../support/until.js';

const base: SshChannelOptions = {
  hostname: SSHD_HOST,
  port: SSHD_PORT,
  username: 'root',
  keyFilename: SSHD_KEY,
  knownHostsFile: SSHD_KNOWN_HOSTS,
  agent: '',
};

/** Socket inodes of this process's established TCP connections to the test sshd. */
const sshdSockets = (): string[] => {
  const mine = new Set(
    readdirSync('/proc/self/fd').map((fd) => {
      try {
        return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`))?.[1];
      } catch {
        return undefined; // the fd readdir itself used, already closed
      }
    }),
  );
  const port = `:${SSHD_PORT.toString(16).toUpperCase().padStart(4, '0')}`;
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f[2]?.endsWith(port) === true && f[3] === '01' && mine.has(f[9]))
    .map((f) => f[9] ?? '');
};

const connectError = async (options: Partial<SshChannelOptions>): Promise<unknown> => {
  const channel = new SshChannel({ ...base, ...options });
  try {
    await channel.executeWait('true');
    return undefined;
  } catch (error: unknown) {
    return error;
  } finally {
    await channel.close();
  }
};

describeWithService(`${SshChannel.name} against the test sshd`, sshdAvailable, SSHD_HOW_TO, () => {
  let local: string;
  let remote: string;
  let channel: SshChannel;
  beforeAll(() => {
    local = mkdtempSync(join(tmpdir(), 'ssh-local-'));
    remote = mkdtempSync(join(tmpdir(), 'ssh-remote-'));
    channel = new SshChannel({ ...base, scriptDir: remote, envs: { PARSL_TEST_ENV: "it's set" } });
  });
  afterAll(async () => {
    await channel.close();
  });

  describe('.executeWait', () => {
    it('returns exit code, stdout and stderr', async () => {
      const result = await channel.executeWait('echo out; echo err >&2; exit 3');
      expect(result).toEqual({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
    });
    it('sets the channel envs and per-call env, quoted', async () => {
      const result = await channel.executeWait('echo "$PARSL_TEST_ENV/$EXTRA"', {
        env: { EXTRA: 'a b' },
      });
      expect(result.stdout).toBe("it's set/a b\n");
    });
    it('runs in cwd', async () => {
      const result = await channel.executeWait('pwd', { cwd: remote });
      expect(result.stdout.trim()).toBe(remote);
    });
    it('throws ChannelTimeout past timeoutMs and kills the command', async () => {
      const marker = join(remote, 'late');
      await expect(
        channel.executeWait(`sleep 3; touch ${marker}`, { timeoutMs: 300 }),
      ).rejects.toBeInstanceOf(ChannelTimeout);
      await new Promise((r) => setTimeout(r, 3_500));
      expect(() => statSync(marker)).toThrow();
    });
    it('reconnects after the connection dropped', async () => {
      // killing the shell's parent (the sshd session process) drops this connection
      await channel.executeWait('kill -9 $PPID').catch(() => undefined);
      const result = await channel.executeWait('echo back');
      expect(result.stdout).toBe('back\n');
    });
  });

  describe('when the server refuses a session (MaxSessions reached on a live connection)', () => {
    const config = readFileSync(join(SSHD_DIR, 'sshd_config'), 'utf8');
    const maxSessions = Number(/^MaxSessions\s+(\d+)/m.exec(config)?.[1] ?? '10');
    let before: string[];
    let extra: string;
    let held: string[];
    let afterDrain: string[];
    let afterClose: string[];
    const warnings: string[] = [];
    const onWarning = (w: Error): void => {
      warnings.push(`${w.name}: ${w.message}`);
    };
    beforeAll(async () => {
      process.on('warning', onWarning);
      before = sshdSockets();
      const busy = new SshChannel(base);
      const running = Array.from({ length: maxSessions }, () =>
        busy.executeWait('sleep 2; echo held').then(
          (r) => r.stdout,
          (e: unknown) => String(e),
        ),
      );
      // one session more than sshd allows on a connection: "Channel open failure"
      extra = (await busy.executeWait('echo extra')).stdout;
      held = await Promise.all(running);
      const ours = (): string[] => sshdSockets().filter((s) => !before.includes(s));
      await until(() => ours().length <= 1, 3_000).catch(() => undefined);
      afterDrain = ours();
      await busy.close();
      afterClose = ours();
      process.off('warning', onWarning);
    }, 30_000);

    it('runs that many commands at once on one connection without a listener-leak warning', () => {
      expect(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))).toEqual([]);
    });

    it('ends the refused connection once the commands running on it are done', () => {
      expect({ extra, held, connections: afterDrain.length }).toEqual({
        extra: 'extra\n',
        held: Array.from({ length: maxSessions }, () => 'held\n'),
        connections: 1,
      });
    });
    it('leaves no connection to the server after close()', () => {
      expect(afterClose).toEqual([]);
    });
  });

  describe('.pushFile / .pullFile', () => {
    it('copies a file to the host keeping its mode', async () => {
      const src = join(local, 'script.sh');
      writeFileSync(src, '#!/bin/bash\necho hi\n', { mode: 0o750 });
      const dest = await channel.pushFile(src, remote);
      expect(dest).toBe(join(remote, 'script.sh'));
      expect(statSync(dest).mode & 0o777).toBe(0o750);
      expect(readFileSync(dest, 'utf8')).toBe('#!/bin/bash\necho hi\n');
    });
    it('copies a file back keeping its mode', async () => {
      const src = join(remote, 'result.txt');
      writeFileSync(src, 'data', { mode: 0o640 });
      const dest = await channel.pullFile(src, local);
      expect(readFileSync(dest, 'utf8')).toBe('data');
      expect(statSync(dest).mode & 0o777).toBe(0o640);
    });
    it('names host and directory when the target directory is missing', async () => {
      const src = join(local, 'x.txt');
      writeFileSync(src, 'x');
      await expect(channel.pushFile(src, join(remote, 'nope'))).rejects.toThrow(
        /127\.0\.0\.1.*nope.*exists and is writable/s,
      );
    });
  });

  describe('.makedirs / .isdir', () => {
    it('creates parents and reports directories', async () => {
      const dir = join(remote, 'a', 'b');
      await channel.makedirs(dir, { mode: 0o700 });
      expect(await channel.isdir(dir)).toBe(true);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(await channel.isdir(join(remote, 'missing'))).toBe(false);
    });
    it('refuses an existing directory unless existOk', async () => {
      await expect(channel.makedirs(remote)).rejects.toThrow(/already exists.*existOk/);
      await expect(channel.makedirs(remote, { existOk: true })).resolves.toBeUndefined();
    });
  });

  describe('authentication', () => {
    it('logs in with a password', async () => {
      const { keyFilename: _k, ...noKey } = base;
      const pwChannel = new SshChannel({
        ...noKey,
        username: SSHD_PASSWORD_USER,
        password: SSHD_PASSWORD,
      });
      try {
        expect((await pwChannel.executeWait('whoami')).stdout).toBe(`${SSHD_PASSWORD_USER}\n`);
      } finally {
        await pwChannel.close();
      }
    });
    it('logs in through ssh-agent', async () => {
      const agentDir = mkdtempSync(join(tmpdir(), 'agent-'));
      const sock = join(agentDir, 'agent.sock');
      const key = join(agentDir, 'id');
      copyFileSync(SSHD_KEY, key);
      const out = execFileSync('ssh-agent', ['-a', sock], { encoding: 'utf8' });
      const pid = Number(/SSH_AGENT_PID=(\d+)/.exec(out)?.[1]);
      try {
        execFileSync('ssh-add', [key], {
          env: { ...process.env, SSH_AUTH_SOCK: sock },
          stdio: 'ignore',
        });
        const { keyFilename: _k, ...noKey } = base;
        const agentChannel = new SshChannel({ ...noKey, agent: sock });
        try {
          expect((await agentChannel.executeWait('whoami')).stdout).toBe('root\n');
        } finally {
          await agentChannel.close();
        }
      } finally {
        process.kill(pid);
      }
    });
    it('throws AuthException for a wrong password', async () => {
      const { keyFilename: _k, ...noKey } = base;
      const channel = new SshChannel({ ...noKey, username: SSHD_PASSWORD_USER, password: 'wrong' });
      const error = await channel.executeWait('true').catch((e: unknown) => e);
      await channel.close();
      expect(error).toBeInstanceOf(AuthException);
    });
    it('throws AuthException naming the host for a key sshd does not accept', async () => {
      const error = await connectError({ keyFilename: SSHD_OTHER_KEY });
      expect(error).toBeInstanceOf(AuthException);
      expect(String(error)).toMatch(/root@127\.0\.0\.1:\d+.*keyFilename/);
    });
  });

  describe('host keys', () => {
    it('throws BadHostKeyException when the key does not match known_hosts', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kh-'));
      const other = readFileSync(`${SSHD_OTHER_KEY}.pub`, 'utf8').split(' ');
      writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${SSHD_PORT} ${other[0]} ${other[1]}\n`);
      const error = await connectError({ knownHostsFile: join(dir, 'known_hosts') });
      expect(error).toBeInstanceOf(BadHostKeyException);
      expect(String(error)).toMatch(/does not match.*ssh-keygen -R/);
    });
    it('refuses an unknown host under the strict policy, with the fix', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kh-'));
      const error = await connectError({ knownHostsFile: join(dir, 'known_hosts') });
      expect(error).toBeInstanceOf(BadHostKeyException);
      expect(String(error)).toMatch(/ssh-keyscan.*accept-new/);
    });
    it("accepts and records an unknown host under 'accept-new'", async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kh-'));
      const file = join(dir, 'known_hosts');
      expect(
        await connectError({ knownHostsFile: file, hostKeyPolicy: 'accept-new' }),
      ).toBeUndefined();
      expect(await connectError({ knownHostsFile: file })).toBeUndefined();
      expect(readFileSync(file, 'utf8')).toContain(`[127.0.0.1]:${SSHD_PORT} ssh-ed25519 `);
    });
  });

  describe('faults', () => {
    it('throws SSHException with a hint for a port nobody listens on', async () => {
      const error = await connectError({ port: 1 });
      expect(error).toBeInstanceOf(SSHException);
      expect(String(error)).toMatch(/ECONNREFUSED.*is sshd running/);
    });
  });
});

describeWithService(`${SshChannel.name} contract`, sshdAvailable, SSHD_HOW_TO, () => {
  describeChannelContract(SshChannel.name, async () => {
    const remoteDir = mkdtempSync(join(tmpdir(), 'ssh-contract-'));
    return {
      channel: new SshChannel({ ...base, scriptDir: remoteDir }),
      remoteDir,
      cleanup: async () => rmSync(remoteDir, { recursive: true, force: true }),
    };
  });
});
