import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalChannel } from '../../../src/adapters/channels/LocalChannel.js';
import { ChannelExecFailed } from '../../../src/domain/errors/ChannelErrors.js';
import { describeChannelContract } from '../../contract/channelContract.js';

const makeDir = async (): Promise<string> =>
  realpath(await mkdtemp(join(tmpdir(), 'parsl-localchannel-')));

describeChannelContract(LocalChannel.name, async () => {
  const remoteDir = await makeDir();
  return {
    channel: new LocalChannel({ scriptDir: join(remoteDir, 'submit_scripts') }),
    remoteDir,
    cleanup: () => rm(remoteDir, { recursive: true, force: true }),
  };
});

describe(LocalChannel.name, () => {
  describe('.executeWait', () => {
    it('kills the whole process group on timeout', async () => {
      const dir = await makeDir();
      const channel = new LocalChannel({ scriptDir: dir });
      const marker = join(dir, 'child-survived');
      await expect(
        channel.executeWait(`(sleep 1; touch ${marker}) & sleep 5`, { timeoutMs: 200 }),
      ).rejects.toThrow(/timed out/);
      await new Promise((r) => setTimeout(r, 1_300));
      expect(await channel.isdir(dir)).toBe(true);
      const check = await channel.executeWait(`test -e ${marker}; echo $?`);
      expect(check.stdout.trim()).toBe('1');
      await rm(dir, { recursive: true, force: true });
    });

    it('adds the channel envs, overridden by per-call env', async () => {
      const channel = new LocalChannel({
        scriptDir: tmpdir(),
        envs: { A: 'channel', B: 'channel' },
      });
      const result = await channel.executeWait('echo "$A $B"', { env: { B: 'call' } });
      expect(result.stdout).toBe('channel call\n');
    });

    it('runs in userhome by default', async () => {
      const dir = await makeDir();
      const result = await new LocalChannel({ scriptDir: dir, userhome: dir }).executeWait('pwd');
      expect(result.stdout.trim()).toBe(dir);
      await rm(dir, { recursive: true, force: true });
    });

    it('throws ChannelExecFailed naming the directory when cwd does not exist', async () => {
      const channel = new LocalChannel({ scriptDir: tmpdir() });
      await expect(channel.executeWait('true', { cwd: '/nonexistent/parsl' })).rejects.toThrow(
        ChannelExecFailed,
      );
    });

    it('stops when the signal aborts', async () => {
      const channel = new LocalChannel({ scriptDir: tmpdir() });
      await expect(
        channel.executeWait('sleep 5', { signal: AbortSignal.timeout(100) }),
      ).rejects.toThrow(/aborted/);
    });
  });

  describe('.pushFile', () => {
    it('does not copy a file already in the target directory', async () => {
      const dir = await makeDir();
      const channel = new LocalChannel({ scriptDir: dir });
      await channel.executeWait(`echo x > ${dir}/s.sh`);
      expect(await channel.pushFile(join(dir, 's.sh'), dir)).toBe(join(dir, 's.sh'));
      await rm(dir, { recursive: true, force: true });
    });
  });
});
