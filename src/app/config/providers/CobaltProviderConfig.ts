import { Equals, IsOptional, IsString } from 'class-validator';
import type { CobaltProviderOptions } from '../../../adapters/providers/CobaltProvider.js';
import { AprunLauncherConfig, type LauncherConfig } from '../launchers/LauncherConfigs.js';
import { ClusterProviderConfigBase } from './ClusterProviderConfigBase.js';

/** Blocks as Cobalt jobs (ALCF: qsub -n -t / qstat / qdel). Parsl: parsl.providers.CobaltProvider */
export class CobaltProviderConfig extends ClusterProviderConfigBase {
  @Equals('cobalt')
  public readonly kind = 'cobalt' as const;

  /** @default unset */
  @IsOptional()
  @IsString()
  public account?: string;

  /** @default unset */
  @IsOptional()
  @IsString()
  public queue?: string;

  /** @default { kind: 'aprun' } */
  public override launcher: LauncherConfig = new AprunLauncherConfig();
  /** @default 0 */
  public override initBlocks = 0;
  /** @default 10 */
  public override maxBlocks = 10;
  /** @default '00:10:00' */
  public override walltime = '00:10:00';
  /** @default 10 */
  public override cmdTimeout = 10;
}

export const _cobaltConfigFitsOptions: (c: CobaltProviderConfig) => CobaltProviderOptions = (c) =>
  c;
