import { describe, expect, it } from 'vitest';
import { LocalChannel } from '../../../../src/adapters/channels/LocalChannel.js';
import { buildChannel } from '../../../../src/app/config/channels/channelFactories.js';
import { LocalChannelConfig } from '../../../../src/app/config/channels/LocalChannelConfig.js';

describe(buildChannel.name, () => {
  it("defaults a local channel's scriptDir to <runDir>/submit_scripts", () => {
    const channel = buildChannel(new LocalChannelConfig(), { runDir: '/tmp/run/001' });
    expect([channel, channel.scriptDir]).toEqual([
      expect.any(LocalChannel),
      '/tmp/run/001/submit_scripts',
    ]);
  });

  it('keeps an explicit scriptDir', () => {
    const config = Object.assign(new LocalChannelConfig(), { scriptDir: '/srv/scripts' });
    expect(buildChannel(config, { runDir: '/tmp/r' }).scriptDir).toBe('/srv/scripts');
  });
});
