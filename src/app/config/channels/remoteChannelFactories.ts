import { OAuthSshChannel } from '../../../adapters/channels/OAuthSshChannel.js';
import { SshChannel } from '../../../adapters/channels/SshChannel.js';
import { SshInteractiveLoginChannel } from '../../../adapters/channels/SshInteractiveLoginChannel.js';
import type { Channel } from '../../../ports/Channel.js';
import type { ChannelConfig } from './channelConfigTypes.js';
import { buildChannel, type ChannelDeps } from './channelFactories.js';
import type { AnyChannelConfig, RemoteChannelConfig } from './remoteChannelConfigTypes.js';

/** Remote script directory when the config names none (relative to the login directory). */
const DEFAULT_REMOTE_SCRIPT_DIR = '.parsl_scripts';

/** One factory per SSH channel `kind`; the compiler checks every kind has one. Constructing does no I/O. */
export const remoteChannelFactories = {
  ssh: (c) => new SshChannel({ ...c, scriptDir: c.scriptDir ?? DEFAULT_REMOTE_SCRIPT_DIR }),
  'ssh-interactive': (c) =>
    new SshInteractiveLoginChannel({ ...c, scriptDir: c.scriptDir ?? DEFAULT_REMOTE_SCRIPT_DIR }),
  'oauth-ssh': (c) =>
    new OAuthSshChannel({ ...c, scriptDir: c.scriptDir ?? DEFAULT_REMOTE_SCRIPT_DIR }),
} satisfies {
  [K in RemoteChannelConfig['kind']]: (
    config: Extract<RemoteChannelConfig, { kind: K }>,
  ) => Channel;
};

const isRemote = (config: AnyChannelConfig): config is RemoteChannelConfig =>
  config.kind in remoteChannelFactories;

/** Builds a local or remote channel from a validated config node. */
export const buildAnyChannel = (config: AnyChannelConfig, deps: ChannelDeps): Channel =>
  isRemote(config)
    ? (remoteChannelFactories[config.kind] as (c: RemoteChannelConfig) => Channel)(config)
    : buildChannel(config as ChannelConfig, deps);
