import { Equals, IsBoolean, IsInt, IsOptional, IsString, Min } from 'class-validator';
import type { LsfProviderOptions } from '../../../adapters/providers/LsfProvider.js';
import { ClusterProviderConfigBase } from './ClusterProviderConfigBase.js';

/** Blocks as LSF jobs (bsub < script / bjobs / bkill). Parsl: parsl.providers.LSFProvider */
export class LsfProviderConfig extends ClusterProviderConfigBase {
  @Equals('lsf')
  public readonly kind = 'lsf' as const;

  /** @default unset */
  @IsOptional()
  @IsString()
  public project?: string;

  /** @default unset */
  @IsOptional()
  @IsString()
  public queue?: string;

  /** Request whole nodes (-nnodes) rather than cores (-n with span[ptile]). @default true */
  @IsBoolean()
  public requestByNodes = true;

  /** Cores per block when requestByNodes is false (needs coresPerNode too). @default unset */
  @IsOptional()
  @IsInt()
  @Min(1)
  public coresPerBlock?: number;

  /** `bsub < script` (LSF reads #BSUB lines only this way). @default true */
  @IsBoolean()
  public bsubRedirection = true;

  /** @default 10 */
  public override maxBlocks = 10;
  /** @default '00:10:00' */
  public override walltime = '00:10:00';
  /** @default 120 */
  public override cmdTimeout = 120;
}

export const _lsfConfigFitsOptions: (c: LsfProviderConfig) => LsfProviderOptions = (c) => c;
