import { FtpSeparateTaskStaging } from '../../../adapters/staging/FtpSeparateTaskStaging.js';
import { HttpSeparateTaskStaging } from '../../../adapters/staging/HttpSeparateTaskStaging.js';
import { NoOpFileStaging } from '../../../adapters/staging/NoOpFileStaging.js';
import type { StagingProvider } from '../../../ports/StagingProvider.js';

/**
 * The staging kinds an executor uses when its config sets no `storageAccess`: file:, ftp: and
 * http(s): on a shared filesystem. Setting `storageAccess` replaces this list entirely, so to add
 * Globus write `[...DEFAULT_STAGING_KINDS.map((kind) => ({ kind })), { kind: 'globus', … }]`.
 * Parsl: parsl.data_provider.data_manager.default_staging
 */
export const DEFAULT_STAGING_KINDS = ['no-op-file', 'ftp', 'http'] as const;

/**
 * Fresh instances of the default staging providers, in Parsl's order: NoOpFileStaging,
 * FtpSeparateTaskStaging, HttpSeparateTaskStaging. For TypeScript configs:
 * `storageAccess: [...defaultStaging(), new GlobusStaging({ endpointUuid })]`.
 * Parsl: parsl.data_provider.data_manager.default_staging
 */
export const defaultStaging = (): StagingProvider[] => [
  new NoOpFileStaging(),
  new FtpSeparateTaskStaging(),
  new HttpSeparateTaskStaging(),
];
