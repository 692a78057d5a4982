import { FtpInTaskStaging } from '../../../adapters/staging/FtpInTaskStaging.js';
import { FtpSeparateTaskStaging } from '../../../adapters/staging/FtpSeparateTaskStaging.js';
import { GlobusStaging } from '../../../adapters/staging/GlobusStaging.js';
import { HttpInTaskStaging } from '../../../adapters/staging/HttpInTaskStaging.js';
import { HttpSeparateTaskStaging } from '../../../adapters/staging/HttpSeparateTaskStaging.js';
import { NoOpFileStaging } from '../../../adapters/staging/NoOpFileStaging.js';
import { RsyncStaging } from '../../../adapters/staging/RsyncStaging.js';
import type { StagingProvider } from '../../../ports/StagingProvider.js';
import type { StagingConfig } from './stagingConfigTypes.js';

/** One factory per staging `kind`; the compiler checks every kind has one. */
export const stagingFactories = {
  'no-op-file': () => new NoOpFileStaging(),
  http: (c) => new HttpSeparateTaskStaging(c),
  'http-in-task': (c) => new HttpInTaskStaging(c),
  ftp: (c) => new FtpSeparateTaskStaging(c),
  'ftp-in-task': (c) => new FtpInTaskStaging(c),
  rsync: (c) => new RsyncStaging(c),
  globus: (c) => new GlobusStaging(c),
} satisfies {
  [K in StagingConfig['kind']]: (config: Extract<StagingConfig, { kind: K }>) => StagingProvider;
};

/** Builds the staging provider a validated config node describes. Constructing does no I/O. */
export const buildStagingProvider = (config: StagingConfig): StagingProvider =>
  (stagingFactories[config.kind] as (c: StagingConfig) => StagingProvider)(config);

/** Builds an executor's `storageAccess` list, in order. */
export const buildStagingProviders = (configs: readonly StagingConfig[]): StagingProvider[] =>
  configs.map(buildStagingProvider);
