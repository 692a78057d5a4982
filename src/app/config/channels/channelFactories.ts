import { join } from 'node:path';
import { LocalChannel } from '../../../adapters/channels/LocalChannel.js';
import type { Channel } from '../../../ports/Channel.js';
import type { ChannelConfig } from './channelConfigTypes.js';

/** What a channel factory gets besides its config. */
export interface ChannelDeps {
  /** This run's directory; local script dirs default to `<runDir>/submit_scripts`. */
  readonly runDir: string;
}

/** One factory per channel `kind`; the compiler checks every kind has one. */
export const channelFactories = {
  local: (c, d) =>
    new LocalChannel({ ...c, scriptDir: c.scriptDir ?? join(d.runDir, 'submit_scripts') }),
} satisfies {
  [K in ChannelConfig['kind']]: (
    config: Extract<ChannelConfig, { kind: K }>,
    deps: ChannelDeps,
  ) => Channel;
};

/** Builds the channel a validated config node describes. */
export const buildChannel = (config: ChannelConfig, deps: ChannelDeps): Channel =>
  (channelFactories[config.kind] as (c: ChannelConfig, d: ChannelDeps) => Channel)(config, deps);
