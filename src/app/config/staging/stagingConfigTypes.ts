import { FtpInTaskStagingConfig } from './FtpInTaskStagingConfig.js';
import { FtpStagingConfig } from './FtpStagingConfig.js';
import { GlobusStagingConfig } from './GlobusStagingConfig.js';
import { HttpInTaskStagingConfig } from './HttpInTaskStagingConfig.js';
import { HttpStagingConfig } from './HttpStagingConfig.js';
import { NoOpFileStagingConfig } from './NoOpFileStagingConfig.js';
import { RsyncStagingConfig } from './RsyncStagingConfig.js';

/**
 * Every staging provider config class, by `kind` (for class-transformer's discriminator); add new
 * kinds here and in `stagingFactories`.
 */
export const STAGING_CONFIG_TYPES = [
  { name: 'no-op-file', value: NoOpFileStagingConfig },
  { name: 'http', value: HttpStagingConfig },
  { name: 'http-in-task', value: HttpInTaskStagingConfig },
  { name: 'ftp', value: FtpStagingConfig },
  { name: 'ftp-in-task', value: FtpInTaskStagingConfig },
  { name: 'rsync', value: RsyncStagingConfig },
  { name: 'globus', value: GlobusStagingConfig },
] as const;

/** Any staging provider config. */
export type StagingConfig = InstanceType<(typeof STAGING_CONFIG_TYPES)[number]['value']>;

/** A staging config as users write it: `kind` plus any of that kind's fields (defaults fill the rest). */
export type StagingConfigInput = {
  [K in StagingConfig['kind']]: { readonly kind: K } & Partial<
    Omit<Extract<StagingConfig, { kind: K }>, 'kind'>
  >;
}[StagingConfig['kind']];
