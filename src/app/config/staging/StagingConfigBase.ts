import { IsInt, IsOptional, IsPositive, Min } from 'class-validator';

/** Fields every staging provider config has; each subclass fixes `kind`. Parsl: parsl.data_provider.staging.Staging */
export abstract class StagingConfigBase {
  /** Which provider: 'no-op-file', 'http', 'http-in-task', 'ftp', 'ftp-in-task', 'rsync', 'globus'. */
  public abstract readonly kind: string;
}

/** Fields of providers that move bytes over a network: timeouts and bounded retries. */
export abstract class TransferStagingConfigBase extends StagingConfigBase {
  /** Abort a request that stays silent this long, ms. @default 30000 */
  @IsOptional()
  @IsInt()
  @IsPositive()
  public timeoutMs = 30_000;

  /** Retries of a transient failure (refused, reset, 5xx/4xx-transient, cut short). @default 3 */
  @IsInt()
  @Min(0)
  public retries = 3;

  /** Delay before the first retry, doubling each time, ms. @default 200 */
  @IsInt()
  @Min(0)
  public retryBaseDelayMs = 200;
}
