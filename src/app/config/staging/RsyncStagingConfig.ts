import { Equals, IsInt, IsNotEmpty, IsOptional, IsString, Min } from 'class-validator';
import type { RsyncStagingOptions } from '../../../adapters/staging/RsyncStaging.js';
import { StagingConfigBase } from './StagingConfigBase.js';

/** file: URLs copied by rsync (over ssh) inside the task, for workers without the shared filesystem. Parsl: RSyncStaging */
export class RsyncStagingConfig extends StagingConfigBase {
  @Equals('rsync')
  public readonly kind = 'rsync' as const;

  /** `user@host` the workers rsync from/to, e.g. `benc@203.0.113.7`. */
  @IsString()
  @IsNotEmpty()
  public hostname!: string;

  /** Remote shell for `rsync -e`, e.g. `ssh -p 2222 -i ~/.ssh/parsl`. @default unset (ssh) */
  @IsOptional()
  @IsString()
  public rsh?: string;

  /** rsync binary on the workers. @default 'rsync' */
  @IsString()
  public rsyncPath = 'rsync';

  /** Retries of a transient failure. @default 3 */
  @IsInt()
  @Min(0)
  public retries = 3;

  /** Delay before the first retry, doubling each time, ms. @default 500 */
  @IsInt()
  @Min(0)
  public retryBaseDelayMs = 500;
}

const _optionsInSync: (c: RsyncStagingConfig) => RsyncStagingOptions = (c) => c;
void _optionsInSync;
