import type { ExecutionProvider } from '../../../ports/ExecutionProvider.js';
import type { ChannelDeps } from '../channels/channelFactories.js';
import {
  CLUSTER_PROVIDER_CONFIG_TYPES,
  type ClusterProviderConfig,
} from './clusterProviderConfigTypes.js';
import { buildClusterProvider } from './clusterProviderFactories.js';
import { parseClusterProviderConfig } from './parseClusterProviderConfig.js';
import { parseProviderConfig } from './parseProviderConfig.js';
import type { ProviderConfig } from './providerConfigTypes.js';
import { buildProvider } from './providerFactories.js';

/** Any provider config: local, or a batch scheduler / ad-hoc hosts. */
export type AnyProviderConfig = ProviderConfig | ClusterProviderConfig;

const CLUSTER_KINDS: readonly string[] = CLUSTER_PROVIDER_CONFIG_TYPES.map((t) => t.name);

const isClusterConfig = (config: AnyProviderConfig): config is ClusterProviderConfig =>
  CLUSTER_KINDS.includes(config.kind);

/**
 * Validates an executor's `provider` node of any kind, filling defaults.
 * @throws {ConfigurationError} naming `path` and every problem
 */
export const parseAnyProviderConfig = (input: unknown, path: string): AnyProviderConfig => {
  const kind =
    typeof input === 'object' && input !== null ? (input as { kind?: unknown }).kind : undefined;
  return CLUSTER_KINDS.includes(String(kind))
    ? parseClusterProviderConfig(input, path)
    : parseProviderConfig(input, path);
};

/** Builds the provider (with its channel and launcher) for a validated node. Does no I/O. */
export const buildAnyProvider = (
  config: AnyProviderConfig,
  deps: ChannelDeps & { readonly executorLabel?: string },
): ExecutionProvider =>
  isClusterConfig(config) ? buildClusterProvider(config, deps) : buildProvider(config, deps);
