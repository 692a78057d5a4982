import { CHANNEL_CONFIG_TYPES } from './channelConfigTypes.js';
import { OAuthSshChannelConfig } from './OAuthSshChannelConfig.js';
import { SshChannelConfig } from './SshChannelConfig.js';
import { SshInteractiveLoginChannelConfig } from './SshInteractiveLoginChannelConfig.js';

/** The SSH channel kinds; merge them into CHANNEL_CONFIG_TYPES (and their factories into channelFactories). */
export const REMOTE_CHANNEL_CONFIG_TYPES = [
  { name: 'ssh', value: SshChannelConfig },
  { name: 'ssh-interactive', value: SshInteractiveLoginChannelConfig },
  { name: 'oauth-ssh', value: OAuthSshChannelConfig },
] as const;

/** Local and remote channel kinds together (what batch providers accept). */
export const ALL_CHANNEL_CONFIG_TYPES = [
  ...CHANNEL_CONFIG_TYPES,
  ...REMOTE_CHANNEL_CONFIG_TYPES,
] as const;

/** An SSH channel config. */
export type RemoteChannelConfig = InstanceType<
  (typeof REMOTE_CHANNEL_CONFIG_TYPES)[number]['value']
>;

/** Any channel config, local or remote. */
export type AnyChannelConfig = InstanceType<(typeof ALL_CHANNEL_CONFIG_TYPES)[number]['value']>;
