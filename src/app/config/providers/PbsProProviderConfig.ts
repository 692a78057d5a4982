import { Equals, IsInt, IsOptional, IsString, Min } from 'class-validator';
import type { PbsProProviderOptions } from '../../../adapters/providers/PbsProProvider.js';
import { ClusterProviderConfigBase } from './ClusterProviderConfigBase.js';

/** Blocks as PBS Pro jobs (qsub / qstat -x -F json / qdel). Parsl: parsl.providers.PBSProProvider */
export class PbsProProviderConfig extends ClusterProviderConfigBase {
  @Equals('pbspro')
  public readonly kind = 'pbspro' as const;

  /** @default unset */
  @IsOptional()
  @IsString()
  public account?: string;

  /** @default unset */
  @IsOptional()
  @IsString()
  public queue?: string;

  /** CPUs per node in the select statement. @default 1 */
  @IsInt()
  @Min(1)
  public cpusPerNode = 1;

  /** Appended to `select=N:ncpus=C`, e.g. 'ngpus=1'. @default '' */
  @IsString()
  public selectOptions = '';

  /** @default 100 */
  public override maxBlocks = 100;
  /** @default '00:20:00' */
  public override walltime = '00:20:00';
  /** @default 120 */
  public override cmdTimeout = 120;
}

export const _pbsProConfigFitsOptions: (c: PbsProProviderConfig) => PbsProProviderOptions = (c) =>
  c;
