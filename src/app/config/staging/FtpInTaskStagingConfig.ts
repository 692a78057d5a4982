import { Equals, IsOptional, IsString } from 'class-validator';
import type { FtpInTaskStagingOptions } from '../../../adapters/staging/FtpInTaskStaging.js';
import { TransferStagingConfigBase } from './StagingConfigBase.js';

/** ftp: stage-in and stage-out inside the task, on the worker. Parsl: FTPInTaskStaging */
export class FtpInTaskStagingConfig extends TransferStagingConfigBase {
  @Equals('ftp-in-task')
  public readonly kind = 'ftp-in-task' as const;

  /** User when the URL names none. @default 'anonymous' */
  @IsOptional()
  @IsString()
  public user?: string;

  /** Password when the URL has none; shipped to workers with each task. @default 'anonymous@' for anonymous */
  @IsOptional()
  @IsString()
  public password?: string;
}

const _optionsInSync: (c: FtpInTaskStagingConfig) => FtpInTaskStagingOptions = (c) => c;
void _optionsInSync;
