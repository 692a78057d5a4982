import { Equals, IsOptional, IsString } from 'class-validator';
import type { TorqueProviderOptions } from '../../../adapters/providers/TorqueProvider.js';
import { AprunLauncherConfig, type LauncherConfig } from '../launchers/LauncherConfigs.js';
import { ClusterProviderConfigBase } from './ClusterProviderConfigBase.js';

/** Blocks as Torque/PBS jobs (qsub / qstat / qdel). Parsl: parsl.providers.TorqueProvider */
export class TorqueProviderConfig extends ClusterProviderConfigBase {
  @Equals('torque')
  public readonly kind = 'torque' as const;

  /** @default unset */
  @IsOptional()
  @IsString()
  public account?: string;

  /** @default unset (the server's default queue) */
  @IsOptional()
  @IsString()
  public queue?: string;

  /** @default { kind: 'aprun' } */
  public override launcher: LauncherConfig = new AprunLauncherConfig();
  /** @default 100 */
  public override maxBlocks = 100;
  /** @default '00:20:00' */
  public override walltime = '00:20:00';
  /** @default 120 */
  public override cmdTimeout = 120;
}

export const _torqueConfigFitsOptions: (c: TorqueProviderConfig) => TorqueProviderOptions = (c) =>
  c;
