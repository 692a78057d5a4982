import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ChannelError,
  ChannelTimeout,
  FileCopyException,
} from '../../src/domain/errors/ChannelErrors.js';
import type { Channel } from '../../src/ports/Channel.js';

/** A channel under contract plus a fresh, empty directory on its host. */
export interface ChannelContractSubject {
  readonly channel: Channel;
  /** An existing empty directory on the channel's host (the contract works only below it). */
  readonly remoteDir: string;
  /** Removes what the factory made (the remote dir, connections). */
  readonly cleanup: () => Promise<void>;
}

/**
 * The exact commands the contract runs, with what a POSIX shell answers. A scripted fake must
 * answer these; a real channel just runs them.
 */
export const CHANNEL_CONTRACT_COMMANDS = {
  streams: {
    command: 'echo out; echo err >&2; exit 3',
    exitCode: 3,
    stdout: 'out\n',
    stderr: 'err\n',
  },
  env: {
    command: 'printf %s "$PARSL_CONTRACT_VAR"',
    variable: 'PARSL_CONTRACT_VAR',
    value: 'v a l',
  },
  pwd: { command: 'pwd' },
  slow: { command: 'sleep 5; echo late', timeoutMs: 400 },
} as const;

/**
 * Runs the Channel port contract against `makeChannel`. Host-agnostic: remote paths are all
 * below the subject's `remoteDir`; local files are made in a local mkdtemp directory.
 */
export const describeChannelContract = (
  name: string,
  makeChannel: () => Promise<ChannelContractSubject>,
): void => {
  describe(`${name} (Channel contract)`, () => {
    let subject: ChannelContractSubject;
    let localDir: string;
    const C = CHANNEL_CONTRACT_COMMANDS;

    beforeEach(async () => {
      subject = await makeChannel();
      localDir = await mkdtemp(join(tmpdir(), 'parsl-channel-contract-'));
    });

    afterEach(async () => {
      await subject.channel.close();
      await subject.cleanup();
      await rm(localDir, { recursive: true, force: true });
    });

    it('names its host and script directory', () => {
      expect([subject.channel.hostname.length > 0, subject.channel.scriptDir.length > 0]).toEqual([
        true,
        true,
      ]);
    });

    describe('.executeWait', () => {
      it('returns the exit code and both streams', async () => {
        const result = await subject.channel.executeWait(C.streams.command);
        expect(result).toEqual({
          exitCode: C.streams.exitCode,
          stdout: C.streams.stdout,
          stderr: C.streams.stderr,
        });
      });

      it('passes extra environment variables', async () => {
        const result = await subject.channel.executeWait(C.env.command, {
          env: { [C.env.variable]: C.env.value },
        });
        expect(result.stdout).toBe(C.env.value);
      });

      it('runs in the given working directory', async () => {
        const result = await subject.channel.executeWait(C.pwd.command, { cwd: subject.remoteDir });
        expect(result.stdout.trim()).toBe(subject.remoteDir);
      });

      it('throws ChannelTimeout when the command outlives timeoutMs', async () => {
        await expect(
          subject.channel.executeWait(C.slow.command, { timeoutMs: C.slow.timeoutMs }),
        ).rejects.toThrow(ChannelTimeout);
      });
    });

    describe('.pushFile / .pullFile', () => {
      it('round-trips a file keeping its content and mode', async () => {
        const source = join(localDir, 'script.sh');
        await writeFile(source, '#!/bin/bash\necho hi\n');
        await chmod(source, 0o750);
        const remotePath = await subject.channel.pushFile(source, subject.remoteDir);
        const back = join(localDir, 'back');
        await mkdir(back);
        const localPath = await subject.channel.pullFile(remotePath, back);
        const [content, mode] = [
          await readFile(localPath, 'utf8'),
          (await stat(localPath)).mode & 0o777,
        ];
        expect([remotePath, localPath, content, mode.toString(8)]).toEqual([
          `${subject.remoteDir}/script.sh`,
          join(back, 'script.sh'),
          '#!/bin/bash\necho hi\n',
          '750',
        ]);
      });

      it('throws FileCopyException when the local source is missing', async () => {
        await expect(
          subject.channel.pushFile(join(localDir, 'missing.sh'), subject.remoteDir),
        ).rejects.toThrow(FileCopyException);
      });

      it('throws FileCopyException when the remote source is missing', async () => {
        await expect(
          subject.channel.pullFile(`${subject.remoteDir}/missing.sh`, localDir),
        ).rejects.toThrow(FileCopyException);
      });
    });

    describe('.makedirs / .isdir', () => {
      it('creates missing parents', async () => {
        const deep = `${subject.remoteDir}/a/b/c`;
        await subject.channel.makedirs(deep);
        expect(await subject.channel.isdir(deep)).toBe(true);
      });

      it('is false for a path that does not exist', async () => {
        expect(await subject.channel.isdir(`${subject.remoteDir}/nope`)).toBe(false);
      });

      it('refuses an existing directory unless existOk', async () => {
        await expect(subject.channel.makedirs(subject.remoteDir)).rejects.toThrow(ChannelError);
      });

      it('accepts an existing directory with existOk', async () => {
        await subject.channel.makedirs(subject.remoteDir, { existOk: true });
        expect(await subject.channel.isdir(subject.remoteDir)).toBe(true);
      });
    });
  });
};
