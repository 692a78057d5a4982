import { LocalProviderConfig } from './LocalProviderConfig.js';

/** Every provider config class, by `kind`; add new kinds here and in `providerFactories`. */
export const PROVIDER_CONFIG_TYPES = [{ name: 'local', value: LocalProviderConfig }] as const;

/** Any provider config. */
export type ProviderConfig = InstanceType<(typeof PROVIDER_CONFIG_TYPES)[number]['value']>;
