import { LocalProvider } from '../../../adapters/providers/LocalProvider.js';
import type { Channel } from '../../../ports/Channel.js';
import type { ExecutionProvider } from '../../../ports/ExecutionProvider.js';
import type { Launcher } from '../../../ports/Launcher.js';
import type { ChannelDeps } from '../channels/channelFactories.js';
import { buildAnyChannel } from '../channels/remoteChannelFactories.js';
import { buildLauncher } from '../launchers/launcherFactories.js';
import type { ProviderConfig } from './providerConfigTypes.js';

/** What a provider factory gets: its built channel and launcher. */
export interface ProviderDeps {
  readonly channel: Channel;
  readonly launcher: Launcher;
}

/** One factory per provider `kind`; the compiler checks every kind has one. */
export const providerFactories = {
  local: (c, d) => new LocalProvider(c, d.channel, d.launcher),
} satisfies {
  [K in ProviderConfig['kind']]: (
    config: Extract<ProviderConfig, { kind: K }>,
    deps: ProviderDeps,
  ) => ExecutionProvider;
};

/**
 * Builds the provider a validated config node describes, with its channel and launcher.
 * Constructing does no I/O.
 * @throws {ConfigurationError} when an option is invalid in a way validation cannot see
 */
export const buildProvider = (config: ProviderConfig, deps: ChannelDeps): ExecutionProvider => {
  const channel = buildAnyChannel(config.channel, deps);
  const launcher = buildLauncher(config.launcher);
  return (
    providerFactories[config.kind] as (c: ProviderConfig, d: ProviderDeps) => ExecutionProvider
  )(config, {
    channel,
    launcher,
  });
};
