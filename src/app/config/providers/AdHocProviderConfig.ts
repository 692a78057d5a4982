import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  Equals,
  IsArray,
  IsOptional,
  IsPositive,
  IsString,
  ValidateNested,
} from 'class-validator';
import type { AdHocProviderOptions } from '../../../adapters/providers/AdHocProvider.js';
import { ChannelConfigBase } from '../channels/LocalChannelConfig.js';
import {
  ALL_CHANNEL_CONFIG_TYPES,
  type AnyChannelConfig,
} from '../channels/remoteChannelConfigTypes.js';
import { type LauncherConfig, SimpleLauncherConfig } from '../launchers/LauncherConfigs.js';
import { ProviderConfigBase } from './ProviderConfigBase.js';

/**
 * One block per host on machines without a scheduler, each reached by its own channel (usually
 * SSH). Block counts follow the channel count; use it with strategy 'none'.
 * Parsl: parsl.providers.AdHocProvider
 */
export class AdHocProviderConfig extends ProviderConfigBase {
  @Equals('ad-hoc')
  public readonly kind = 'ad-hoc' as const;

  /** One channel per host. */
  @IsArray()
  @ArrayMinSize(1, {
    message: 'channels needs at least one host channel, e.g. { kind: "ssh", hostname: "node1" }',
  })
  @ValidateNested({ each: true })
  @Type(() => ChannelConfigBase, {
    discriminator: { property: 'kind', subTypes: [...ALL_CHANNEL_CONFIG_TYPES] },
    keepDiscriminatorProperty: true,
  })
  public channels: AnyChannelConfig[] = [];

  /** @default { kind: 'simple' } */
  public override launcher: LauncherConfig = new SimpleLauncherConfig();

  /** How often block status is polled, ms. @default 10000 */
  @IsPositive()
  public statusPollingIntervalMs = 10_000;

  /** Local directory block scripts are written to before they are copied to each host. @default `<runDir>/submit_scripts` */
  @IsOptional()
  @IsString()
  public localScriptDir?: string;
}

export const _adHocConfigFitsOptions: (c: AdHocProviderConfig) => AdHocProviderOptions = (c) => c;
