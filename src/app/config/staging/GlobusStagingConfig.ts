import {
  Equals,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsPositive,
  IsString,
  IsUrl,
  Min,
} from 'class-validator';
import type { GlobusStagingOptions } from '../../../adapters/staging/GlobusStaging.js';
import { StagingConfigBase } from './StagingConfigBase.js';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** globus:// stage-in and stage-out through the Globus Transfer service. Parsl: GlobusStaging */
export class GlobusStagingConfig extends StagingConfigBase {
  @Equals('globus')
  public readonly kind = 'globus' as const;

  /** UUID of the Globus endpoint that sees the executor's filesystem. Parsl: endpoint_uuid (endpoint_name in old docs) */
  @IsString()
  @IsNotEmpty()
  public endpointUuid!: string;

  /** Root path as Globus sees it (with localPath). @default unset (same paths) */
  @IsOptional()
  @IsString()
  public endpointPath?: string;

  /** Local directory that endpointPath stands for. @default unset (same paths) */
  @IsOptional()
  @IsString()
  public localPath?: string;

  /** Transfer API base URL. @default 'https://transfer.api.globusonline.org/v0.10' */
  @IsUrl(URL_OPTIONS)
  public transferUrl = 'https://transfer.api.globusonline.org/v0.10';

  /** Globus Auth base URL. @default 'https://auth.globus.org' */
  @IsUrl(URL_OPTIONS)
  public authUrl = 'https://auth.globus.org';

  /** OAuth2 client id of your native app (token refresh). @default env PARSL_TS_GLOBUS_CLIENT_ID */
  @IsOptional()
  @IsString()
  public clientId?: string;

  /** Token file written by `parsl-ts globus-auth`. @default '~/.parsl-ts/globus.json' */
  @IsOptional()
  @IsString()
  public tokenFile?: string;

  /** Time between task status polls, ms. @default 5000 */
  @IsInt()
  @IsPositive()
  public pollIntervalMs = 5000;

  /** Give up on one transfer after this long, ms. @default 3600000 */
  @IsInt()
  @IsPositive()
  public transferTimeoutMs = 3_600_000;

  /** Transfers in flight at once. @default 4 */
  @IsInt()
  @Min(1)
  public maxConcurrent = 4;

  /** Retries of a failed API call (5xx, 429, network). @default 3 */
  @IsInt()
  @Min(0)
  public retries = 3;

  /** Delay before the first retry, doubling each time, ms. @default 500 */
  @IsInt()
  @Min(0)
  public retryBaseDelayMs = 500;
}

const _optionsInSync: (c: GlobusStagingConfig) => GlobusStagingOptions = (c) => c;
void _optionsInSync;
