import { LocalChannelConfig } from './LocalChannelConfig.js';

/** Every channel config class, by `kind`; add new kinds here and in `channelFactories`. */
export const CHANNEL_CONFIG_TYPES = [{ name: 'local', value: LocalChannelConfig }] as const;

/** Any channel config. */
export type ChannelConfig = InstanceType<(typeof CHANNEL_CONFIG_TYPES)[number]['value']>;
