import { Equals, IsOptional, IsString } from 'class-validator';
import type { GridEngineProviderOptions } from '../../../adapters/providers/GridEngineProvider.js';
import { ClusterProviderConfigBase } from './ClusterProviderConfigBase.js';

/** Blocks as (Son of) Grid Engine jobs (qsub -terse / qstat / qdel). Parsl: parsl.providers.GridEngineProvider */
export class GridEngineProviderConfig extends ClusterProviderConfigBase {
  @Equals('grid-engine')
  public readonly kind = 'grid-engine' as const;

  /** @default unset */
  @IsOptional()
  @IsString()
  public queue?: string;

  /** @default 10 */
  public override maxBlocks = 10;
  /** @default '00:10:00' */
  public override walltime = '00:10:00';
  /** @default 10 */
  public override cmdTimeout = 10;
}

export const _gridEngineConfigFitsOptions: (
  c: GridEngineProviderConfig,
) => GridEngineProviderOptions = (c) => c;
