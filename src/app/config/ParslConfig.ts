import { Type } from 'class-transformer';
import {
  Allow,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import type { BlockErrorPolicy } from '../../domain/scaling/blockErrorVerdict.js';
import type { Executor } from '../../ports/Executor.js';
import { ExecutorConfigBase } from './executors/ExecutorConfigBase.js';
import { EXECUTOR_CONFIG_TYPES, type ExecutorConfig } from './executors/executorConfigTypes.js';
import { ThreadPoolExecutorConfig } from './executors/ThreadPoolExecutorConfig.js';
import { MonitoringConfig } from './MonitoringConfig.js';
import type { StagingConfigInput } from './staging/stagingConfigTypes.js';

/** How much a failure costs against `retries`; return 1 for Parsl's default. Parsl: retry_handler */
export type RetryHandler = (
  error: unknown,
  task: { readonly id: number; readonly appName: string; readonly tryId: number },
) => number;

/** When checkpoints are written. Parsl: checkpoint_mode */
export type CheckpointMode = 'task_exit' | 'periodic' | 'dfk_exit' | 'manual';

/** The block scaling strategy. Parsl: strategy ('simple', 'htex_auto_scale', None) */
export type StrategyName = 'none' | 'simple' | 'htexAutoScale';

/**
 * A validated, frozen parsl-ts configuration. Build it with `parseConfig(input)`; `load(input)`
 * does that for you. Parsl: parsl.config.Config
 */
export class ParslConfig {
  /** The executors, as config nodes (`kind`) or Executor instances. @default one thread-pool 'threads' */
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ExecutorConfigBase, {
    discriminator: { property: 'kind', subTypes: [...EXECUTOR_CONFIG_TYPES] },
    keepDiscriminatorProperty: true,
  })
  public executors: ExecutorConfig[] = [new ThreadPoolExecutorConfig()];

  /** Executor objects given directly (custom executors); not validated field by field. */
  @Allow()
  public customExecutors: Executor[] = [];

  /** Global switch for app caching; off turns every app's cache off. @default true */
  @IsBoolean()
  public appCache = true;

  /** @default undefined (no checkpoints) */
  @IsOptional()
  @IsIn(['task_exit', 'periodic', 'dfk_exit', 'manual'])
  public checkpointMode?: CheckpointMode;

  /** "HH:MM:SS", with checkpointMode 'periodic'. */
  @IsOptional()
  @Matches(/^\d+:[0-5]?\d:[0-5]?\d$/, {
    message: 'checkpointPeriod must look like "HH:MM:SS", e.g. "00:30:00"',
  })
  public checkpointPeriod?: string;

  /** Checkpoint directories to load at start, e.g. `getAllCheckpoints()`. @default [] */
  @IsArray()
  @IsString({ each: true })
  public checkpointFiles: string[] = [];

  /** Identical calls in flight share one execution (beyond Parsl). @default false */
  @IsBoolean()
  public dedupeInFlight = false;

  /** Raise task errors only on `result()`. With false, a failure is also raised at once, as an unhandled rejection. @default true */
  @IsBoolean()
  public lazyErrors = true;

  /** Attempts after the first that a failing task gets. @default 0 */
  @IsInt()
  @Min(0)
  public retries = 0;

  /** Cost of each failure against `retries`. @default every failure costs 1 */
  @Allow()
  public retryHandler?: RetryHandler;

  /** Where run directories `NNN` are made. @default 'runinfo' */
  @IsString()
  public runDir = 'runinfo';

  /** @default 'simple' */
  @IsIn(['none', 'simple', 'htexAutoScale'])
  public strategy: StrategyName = 'simple';

  /** Seconds between runs of the scaling strategy. Parsl: strategy_period. @default 5 */
  @IsNumber()
  @Min(0.01)
  public strategyPeriod = 5;

  /**
   * When failed blocks put an executor in a bad state, so that its tasks fail with the blocks'
   * errors instead of waiting for workers that never come: 'simple' when every block failed,
   * 'windowed' when the last 3 did, 'none' never (docs/elasticity.md). Parsl: block_error_handler.
   * @default 'simple'
   */
  @IsIn(['simple', 'windowed', 'none'])
  public blockErrorHandler: BlockErrorPolicy = 'simple';

  /** Seconds a block may sit idle before scale-in. @default 120 */
  @IsNumber()
  @Min(0)
  public maxIdletime = 120;

  /** Write `parsl.log` in the run directory. @default true */
  @IsBoolean()
  public initializeLogging = true;

  /** Lowest level written to parsl.log. @default 'debug' */
  @IsIn(['debug', 'info', 'warn', 'error'])
  public logLevel: 'debug' | 'info' | 'warn' | 'error' = 'debug';

  /** Release finished task records so memory stays flat. @default true */
  @IsBoolean()
  public garbageCollect = true;

  /** Record the run in a database shown by `parsl-ts visualize` (docs/monitoring.md). @default off */
  @IsOptional()
  @ValidateNested()
  @Type(() => MonitoringConfig)
  public monitoring?: MonitoringConfig;

  /** A live progress line on stdout when it is a terminal, and a summary at the end. @default true */
  @IsBoolean()
  public progress = true;

  /** Opt-in anonymous usage tracking (also PARSL_TRACKING=true). @default false */
  @IsBoolean()
  public usageTracking = false;
}

/** What users write: every field optional; executors as config objects or Executor instances. */
export type ParslConfigInput = Partial<
  Omit<ParslConfig, 'executors' | 'customExecutors' | 'monitoring'>
> & {
  readonly executors?: readonly (ExecutorConfigInput | Executor)[];
  /** Monitoring options; `{}` turns monitoring on with every default. */
  readonly monitoring?: Partial<MonitoringConfig>;
};

/** An executor config as users write it: `kind` plus any fields (defaults fill the rest). */
export type ExecutorConfigInput = { readonly kind: ExecutorConfig['kind'] } & Partial<
  Omit<ExecutorConfig, 'kind' | 'storageAccess'>
> & {
    /** Staging providers by kind, e.g. `[{ kind: 'no-op-file' }, { kind: 'globus', endpointUuid }]`. */
    readonly storageAccess?: readonly StagingConfigInput[];
  } & Record<string, unknown>;
