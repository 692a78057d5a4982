import { join } from 'node:path';
import { AdHocProvider } from '../../../adapters/providers/AdHocProvider.js';
import { CobaltProvider } from '../../../adapters/providers/CobaltProvider.js';
import { CondorProvider } from '../../../adapters/providers/CondorProvider.js';
import { GridEngineProvider } from '../../../adapters/providers/GridEngineProvider.js';
import { LsfProvider } from '../../../adapters/providers/LsfProvider.js';
import { PbsProProvider } from '../../../adapters/providers/PbsProProvider.js';
import { SlurmProvider } from '../../../adapters/providers/SlurmProvider.js';
import { TorqueProvider } from '../../../adapters/providers/TorqueProvider.js';
import type { Channel } from '../../../ports/Channel.js';
import type { ExecutionProvider } from '../../../ports/ExecutionProvider.js';
import type { Launcher } from '../../../ports/Launcher.js';
import type { ChannelDeps } from '../channels/channelFactories.js';
import { buildAnyChannel } from '../channels/remoteChannelFactories.js';
import { buildLauncher } from '../launchers/launcherFactories.js';
import { clusterChannelOf } from './ClusterProviderConfigBase.js';
import type { ClusterProviderConfig } from './clusterProviderConfigTypes.js';

/** What a cluster provider factory gets: its channel, launcher and the executor label for messages. */
export interface ClusterProviderDeps extends ChannelDeps {
  readonly channel: Channel;
  readonly launcher: Launcher;
  /** Label of the executor the provider serves. */
  readonly executorLabel?: string;
}

/**
 * The config with the executor's label and, for a provider that reaches its host through a remote
 * channel, the local copies of submit scripts under `<runDir>/submit_scripts` unless
 * `localScriptDir` says otherwise (Parsl keeps them in runinfo; a local channel writes them
 * straight into its own scriptDir).
 */
const withRunDefaults = <TConfig extends { localScriptDir?: string }>(
  c: TConfig,
  d: ChannelDeps & { readonly executorLabel?: string },
  remote: boolean,
): TConfig & { executorLabel?: string } => {
  const withDir =
    remote && c.localScriptDir === undefined
      ? { ...c, localScriptDir: join(d.runDir, 'submit_scripts') }
      : c;
  return d.executorLabel === undefined ? withDir : { ...withDir, executorLabel: d.executorLabel };
};

/** `withRunDefaults` for a provider with one channel. */
const forChannel = <TConfig extends { localScriptDir?: string }>(
  c: TConfig,
  d: ClusterProviderDeps,
): TConfig & { executorLabel?: string } =>
  withRunDefaults(c, d, d.channel.hostname !== 'localhost');

/** One factory per provider `kind`; the compiler checks every kind has one. Constructing does no I/O. */
export const clusterProviderFactories = {
  slurm: (c, d) => new SlurmProvider(forChannel(c, d), d.channel, d.launcher),
  torque: (c, d) => new TorqueProvider(forChannel(c, d), d.channel, d.launcher),
  pbspro: (c, d) => new PbsProProvider(forChannel(c, d), d.channel, d.launcher),
  cobalt: (c, d) => new CobaltProvider(forChannel(c, d), d.channel, d.launcher),
  condor: (c, d) => new CondorProvider(forChannel(c, d), d.channel, d.launcher),
  'grid-engine': (c, d) => new GridEngineProvider(forChannel(c, d), d.channel, d.launcher),
  lsf: (c, d) => new LsfProvider(forChannel(c, d), d.channel, d.launcher),
  'ad-hoc': (c, d) =>
    new AdHocProvider(
      withRunDefaults(c, d, true),
      c.channels.map((ch) => buildAnyChannel(ch, d)),
      d.launcher,
    ),
} satisfies {
  [K in ClusterProviderConfig['kind']]: (
    config: Extract<ClusterProviderConfig, { kind: K }>,
    deps: ClusterProviderDeps,
  ) => ExecutionProvider;
};

/** Builds a batch-scheduler / ad-hoc provider from a validated config node, with its channel and launcher. */
export const buildClusterProvider = (
  config: ClusterProviderConfig,
  deps: ChannelDeps & { readonly executorLabel?: string },
): ExecutionProvider =>
  (
    clusterProviderFactories[config.kind] as (
      c: ClusterProviderConfig,
      d: ClusterProviderDeps,
    ) => ExecutionProvider
  )(config, {
    ...deps,
    channel: buildAnyChannel(clusterChannelOf(config), deps),
    launcher: buildLauncher(config.launcher),
  });
