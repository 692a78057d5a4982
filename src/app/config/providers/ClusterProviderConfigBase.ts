import { IsBoolean, IsOptional, IsPositive, IsString } from 'class-validator';
import type { AnyChannelConfig } from '../channels/remoteChannelConfigTypes.js';
import { ProviderConfigBase } from './ProviderConfigBase.js';

/**
 * Fields of the batch-scheduler provider configs (Parsl's ClusterProvider parameters). The channel
 * may be local or SSH (submitting from a workstation to a login node): see {@link clusterChannelOf}.
 * Parsl: parsl.providers.cluster_provider.ClusterProvider
 */
export abstract class ClusterProviderConfigBase extends ProviderConfigBase {
  /** Text added to the scheduler directives (`#SBATCH …`, `#PBS …`, condor attributes). @default '' */
  @IsString()
  public schedulerOptions = '';

  /** Copy the submit script to the channel's scriptDir; false on a shared file system. @default true */
  @IsBoolean()
  public moveFiles = true;

  /** Local directory the script is written to first. @default `<runDir>/submit_scripts` */
  @IsOptional()
  @IsString()
  public localScriptDir?: string;

  /** How often block status is polled, ms. @default 60000 (Parsl) */
  @IsPositive()
  public statusPollingIntervalMs = 60_000;
}

/** The provider's channel config, local or SSH. */
export const clusterChannelOf = (config: ProviderConfigBase): AnyChannelConfig =>
  config.channel as AnyChannelConfig;
