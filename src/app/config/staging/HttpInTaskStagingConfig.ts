import { Equals, IsOptional, IsString } from 'class-validator';
import type { HttpInTaskStagingOptions } from '../../../adapters/staging/HttpInTaskStaging.js';
import { TransferStagingConfigBase } from './StagingConfigBase.js';

/** http:/https: stage-in inside the task, on the worker. Parsl: HTTPInTaskStaging */
export class HttpInTaskStagingConfig extends TransferStagingConfigBase {
  @Equals('http-in-task')
  public readonly kind = 'http-in-task' as const;

  /** Path, on the workers, of a PEM file with extra CA certificates. @default unset */
  @IsOptional()
  @IsString()
  public caFile?: string;
}

const _optionsInSync: (c: HttpInTaskStagingConfig) => HttpInTaskStagingOptions = (c) => c;
void _optionsInSync;
