import { describe, expect, it } from 'vitest';
import {
  CHANNEL_CONTRACT_COMMANDS as C,
  describeChannelContract,
} from '../contract/channelContract.js';
import { FakeChannel } from './FakeChannel.js';

const REMOTE = '/fake/tmp/contract';

describeChannelContract(FakeChannel.name, async () => {
  const channel = new FakeChannel()
    .whenExecute(C.streams.command, {
      exitCode: C.streams.exitCode,
      stdout: C.streams.stdout,
      stderr: C.streams.stderr,
    })
    .whenExecute(C.env.command, (_cmd, options) => ({
      stdout: options.env?.[C.env.variable] ?? '',
    }))
    .whenExecute(C.pwd.command, (_cmd, options) => ({ stdout: `${options.cwd ?? '/'}\n` }))
    .whenExecute(C.slow.command, { delayMs: 5_000, stdout: 'late\n' });
  await channel.makedirs(REMOTE);
  return { channel, remoteDir: REMOTE, cleanup: async () => undefined };
});

describe(FakeChannel.name, () => {
  it('throws loudly for an unscripted command', async () => {
    await expect(new FakeChannel().executeWait('rm -rf /')).rejects.toThrow(/not scripted: rm -rf/);
  });

  it('records every command with its options', async () => {
    const channel = new FakeChannel().whenExecute(/^echo/, { stdout: 'x' });
    await channel.executeWait('echo 1', { timeoutMs: 10 });
    expect(channel.executed).toEqual([{ command: 'echo 1', options: { timeoutMs: 10 } }]);
  });
});
