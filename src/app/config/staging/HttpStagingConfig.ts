import { Equals, IsInt, IsOptional, IsString, Min } from 'class-validator';
import type { HttpSeparateTaskStagingOptions } from '../../../adapters/staging/HttpSeparateTaskStaging.js';
import { TransferStagingConfigBase } from './StagingConfigBase.js';

/** http:/https: stage-in as a separate task on the submit side. Parsl: HTTPSeparateTaskStaging */
export class HttpStagingConfig extends TransferStagingConfigBase {
  @Equals('http')
  public readonly kind = 'http' as const;

  /** PEM file with extra CA certificates to trust. @default unset (system CAs) */
  @IsOptional()
  @IsString()
  public caFile?: string;

  /** Downloads at once (and keep-alive connections per host). @default 8 */
  @IsInt()
  @Min(1)
  public maxConcurrent = 8;
}

const _optionsInSync: (c: HttpStagingConfig) => HttpSeparateTaskStagingOptions = (c) => c;
void _optionsInSync;
