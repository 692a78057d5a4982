import { Equals, IsBoolean, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import type { SlurmProviderOptions } from '../../../adapters/providers/SlurmProvider.js';
import { ClusterProviderConfigBase } from './ClusterProviderConfigBase.js';

/** Blocks as Slurm jobs (sbatch / sacct or squeue / scancel). Parsl: parsl.providers.SlurmProvider */
export class SlurmProviderConfig extends ClusterProviderConfigBase {
  @Equals('slurm')
  public readonly kind = 'slurm' as const;

  /** The Slurm partition (`sinfo -h -o %P` lists them). Required. */
  @IsString({
    message:
      'partition is required for a slurm provider (e.g. "debug"); `sinfo -h -o %P` lists them',
  })
  @IsNotEmpty()
  public partition!: string;

  /** @default unset (the user's default account) */
  @IsOptional()
  @IsString()
  public account?: string;

  /** @default unset */
  @IsOptional()
  @IsString()
  public qos?: string;

  /** @default unset */
  @IsOptional()
  @IsString()
  public constraint?: string;

  /** Nodes not shared with other jobs. @default true */
  @IsBoolean()
  public exclusive = true;

  /** @default 10 */
  public override maxBlocks = 10;
  /** @default '00:10:00' */
  public override walltime = '00:10:00';
  /** @default 10 */
  public override cmdTimeout = 10;
}

export const _slurmConfigFitsOptions: (c: SlurmProviderConfig) => SlurmProviderOptions = (c) => c;
