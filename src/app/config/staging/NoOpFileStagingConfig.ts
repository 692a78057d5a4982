import { Equals } from 'class-validator';
import { StagingConfigBase } from './StagingConfigBase.js';

/** file: URLs and bare paths on a shared filesystem; nothing is copied. Parsl: NoOpFileStaging */
export class NoOpFileStagingConfig extends StagingConfigBase {
  @Equals('no-op-file')
  public readonly kind = 'no-op-file' as const;
}
