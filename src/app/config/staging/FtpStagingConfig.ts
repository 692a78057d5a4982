import { Equals, IsInt, IsOptional, IsString, Min } from 'class-validator';
import type { FtpSeparateTaskStagingOptions } from '../../../adapters/staging/FtpSeparateTaskStaging.js';
import { TransferStagingConfigBase } from './StagingConfigBase.js';

/** ftp: stage-in and stage-out as separate tasks on the submit side. Parsl: FTPSeparateTaskStaging */
export class FtpStagingConfig extends TransferStagingConfigBase {
  @Equals('ftp')
  public readonly kind = 'ftp' as const;

  /** User when the URL names none. @default 'anonymous' */
  @IsOptional()
  @IsString()
  public user?: string;

  /** Password when the URL has none. @default 'anonymous@' for anonymous */
  @IsOptional()
  @IsString()
  public password?: string;

  /** Pooled connections per user@host:port. @default 4 */
  @IsInt()
  @Min(1)
  public maxConnectionsPerServer = 4;
}

const _optionsInSync: (c: FtpStagingConfig) => FtpSeparateTaskStagingOptions = (c) => c;
void _optionsInSync;
