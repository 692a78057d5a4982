import { Equals, IsArray, IsObject, IsString } from 'class-validator';
import type { CondorProviderOptions } from '../../../adapters/providers/CondorProvider.js';
import { ClusterProviderConfigBase } from './ClusterProviderConfigBase.js';

/** Blocks as HTCondor jobs (condor_submit / condor_q / condor_rm). Parsl: parsl.providers.CondorProvider */
export class CondorProviderConfig extends ClusterProviderConfigBase {
  @Equals('condor')
  public readonly kind = 'condor' as const;

  /** Environment of the job. @default {} */
  @IsObject()
  public environment: Record<string, string> = {};

  /** Project charged (+projectname). @default '' */
  @IsString()
  public project = '';

  /** Condor requirements expression. @default '' */
  @IsString()
  public requirements = '';

  /** More files to transfer with the job. @default [] */
  @IsArray()
  @IsString({ each: true })
  public transferInputFiles: string[] = [];

  /** @default 10 */
  public override maxBlocks = 10;
  /** @default '00:10:00' */
  public override walltime = '00:10:00';
  /** @default 60 */
  public override cmdTimeout = 60;
}

export const _condorConfigFitsOptions: (c: CondorProviderConfig) => CondorProviderOptions = (c) =>
  c;
