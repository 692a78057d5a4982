import { Equals, IsBoolean, IsNumber, IsOptional, IsPositive, Min } from 'class-validator';
import {
  LOCAL_PROVIDER_DEFAULTS,
  type LocalProviderOptions,
} from '../../../adapters/providers/LocalProvider.js';
import { ProviderConfigBase } from './ProviderConfigBase.js';

/**
 * Blocks as process groups on the channel's host (this machine by default).
 * Parsl: parsl.providers.LocalProvider
 */
export class LocalProviderConfig extends ProviderConfigBase {
  @Equals('local')
  public readonly kind = 'local' as const;

  /** @default 1 */
  public override initBlocks: number = LOCAL_PROVIDER_DEFAULTS.initBlocks;
  /** @default 1 */
  public override maxBlocks: number = LOCAL_PROVIDER_DEFAULTS.maxBlocks;
  /** @default '00:15:00' */
  public override walltime: string = LOCAL_PROVIDER_DEFAULTS.walltime;
  /** @default 30 */
  public override cmdTimeout: number = LOCAL_PROVIDER_DEFAULTS.cmdTimeout;

  /** Copy the script to the channel's scriptDir: unset = when not already there; false = never. */
  @IsOptional()
  @IsBoolean()
  public moveFiles?: boolean;

  /** Seconds between SIGTERM and SIGKILL on cancel and at walltime. @default 2 */
  @IsNumber()
  @Min(0)
  public killGraceSeconds: number = LOCAL_PROVIDER_DEFAULTS.killGraceSeconds;

  /** How often block status is polled, ms. @default 5000 */
  @IsNumber()
  @IsPositive()
  public statusPollingIntervalMs: number = LOCAL_PROVIDER_DEFAULTS.statusPollingIntervalMs;
}

// Compile-time: the config fits the adapter's options.
export const _localProviderConfigFitsOptions: (c: LocalProviderConfig) => LocalProviderOptions = (
  c,
) => c;
