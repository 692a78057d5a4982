import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { parseDatabaseUrl } from '../../adapters/monitoring/typeorm/parseDatabaseUrl.js';

@ValidatorConstraint({ name: 'databaseUrl' })
class IsDatabaseUrl implements ValidatorConstraintInterface {
  private problem = '';
  public validate(value: unknown): boolean {
    if (typeof value !== 'string') {
      this.problem = 'loggingEndpoint must be a database URL string';
      return false;
    }
    try {
      parseDatabaseUrl(value);
      return true;
    } catch (error: unknown) {
      this.problem =
        error instanceof Error
          ? error.message.replace(/^monitoring\.loggingEndpoint: /, '')
          : String(error);
      return false;
    }
  }
  public defaultMessage(): string {
    return this.problem;
  }
}

@ValidatorConstraint({ name: 'portRange' })
class IsPortRange implements ValidatorConstraintInterface {
  public validate(value: unknown): boolean {
    return (
      Array.isArray(value) &&
      value.length === 2 &&
      value.every((p) => Number.isInteger(p) && p >= 1 && p <= 65535) &&
      (value[0] as number) <= (value[1] as number)
    );
  }
  public defaultMessage(): string {
    return 'must be [low, high] with 1 <= low <= high <= 65535, e.g. [55050, 56000]';
  }
}

/**
 * Monitoring: record every task, try, state change, block and resource sample of a run in a
 * database that `parsl-ts visualize` shows. Off unless `monitoring` is given in the config.
 * Parsl: parsl.monitoring.MonitoringHub (parameters in camelCase)
 */
export class MonitoringConfig {
  /** Address at which workers reach the hub (for worker-side reports over UDP). @default '127.0.0.1' */
  @IsString()
  public hubAddress = '127.0.0.1';

  /** UDP port for worker reports; overrides hubPortRange. @default undefined (pick from the range) */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  public hubPort?: number;

  /** Range a free UDP port is picked from when hubPort is not set. @default [55050, 56000] */
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @Validate(IsPortRange)
  public hubPortRange: [number, number] = [55050, 56000];

  /** Where the kernel reaches the hub; kept for Parsl parity (the hub runs in-process). @default '127.0.0.1' */
  @IsString()
  public clientAddress = '127.0.0.1';

  /** Kept for Parsl parity. @default [55000, 56000] */
  @Validate(IsPortRange)
  public clientPortRange: [number, number] = [55000, 56000];

  /** @default the name of the user's script (process.argv[1] without extension) */
  @IsOptional()
  @IsString()
  public workflowName?: string;

  /** @default the run's start time (ISO 8601) */
  @IsOptional()
  @IsString()
  public workflowVersion?: string;

  /**
   * Database URL (RFC-1738): `sqlite:///relative.db`, `sqlite:////absolute.db` or
   * `postgresql://user:password@host:5432/db`.
   * @default `sqlite:///<runDir>/monitoring.db` (runDir is the config's, e.g. runinfo/monitoring.db)
   */
  @IsOptional()
  @Validate(IsDatabaseUrl)
  public loggingEndpoint?: string;

  /** Directory for monitoring's own files. @default the run directory */
  @IsOptional()
  @IsString()
  public logdir?: string;

  /** Log every batch written, at debug level. @default false */
  @IsBoolean()
  public monitoringDebug = false;

  /** Sample the cpu/memory/io of running tasks. @default true */
  @IsBoolean()
  public resourceMonitoringEnabled = true;

  /** Seconds between resource samples of a running task. @default 30 */
  @IsNumber()
  @Min(0.01)
  public resourceMonitoringInterval = 30;

  /** Rows per database write. @default 5000 */
  @IsInt()
  @Min(1)
  public batchSize = 5000;

  /**
   * Rows waiting beyond which a write starts at once (below it, rows are written every
   * flushIntervalMs, so bursts of short tasks run without database work). @default 100000
   */
  @IsInt()
  @Min(1)
  public maxWaitingRows = 100_000;

  /** Longest a row waits before it is written, ms. @default 1000 */
  @IsInt()
  @Min(1)
  public flushIntervalMs = 1000;

  /** History rows kept in memory while the database is unreachable. @default 1000000 */
  @IsInt()
  @Min(1)
  public bufferCapacity = 1_000_000;

  /**
   * Where the monitoring rows are built and written. true: in a worker thread (the hub and its
   * store; Parsl runs them in processes of their own), so that only logging each task-state change
   * runs on the kernel's thread; worth it when a core is free for it. false: on the event loop, in
   * short slices between the kernel's work. 'auto': a thread when this process may use at least 4
   * CPUs (os.availableParallelism()), else the event loop. @default 'auto'
   */
  @IsIn([true, false, 'auto'])
  public storeInWorkerThread: boolean | 'auto' = 'auto';

  /** How long cleanup keeps retrying an unreachable database, ms. @default 10000 */
  @IsInt()
  @Min(0)
  public closeTimeoutMs = 10_000;
}
