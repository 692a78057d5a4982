import type { JobStatus } from '../domain/job/JobState.js';

/** The block parameters every provider has. */
export interface BlockParameters {
  /** @default 1 */
  readonly nodesPerBlock: number;
  /** Blocks started when the executor starts. @default 1 */
  readonly initBlocks: number;
  /** @default 0 */
  readonly minBlocks: number;
  /** @default 1 */
  readonly maxBlocks: number;
  /** Ratio of provisioned slots to outstanding tasks the strategy aims at (0..1). @default 1 */
  readonly parallelism: number;
  /** Block walltime "HH:MM:SS". @default '00:10:00' */
  readonly walltime: string;
  /** Shell text run before the worker command in each block. @default '' */
  readonly workerInit: string;
}

/**
 * Starts, watches and stops blocks (batch jobs, local process groups, cloud instances).
 * Lifecycle: owned by its executor; the executor calls `submit` per block, `status` on each poll
 * and `cancel` on scale-in and at shutdown, then `close()`.
 * Parsl: parsl.providers.base.ExecutionProvider
 */
export interface ExecutionProvider extends BlockParameters {
  /** The config `kind`, e.g. 'slurm'. */
  readonly kind: string;
  /** Cores per node if known (sets PARSL_CORES in the block). */
  readonly coresPerNode?: number;
  /** Memory per node in GB if known (sets PARSL_MEMORY_GB). */
  readonly memPerNode?: number;
  /** How often `status` should be polled, in ms. */
  readonly statusPollingIntervalMs: number;
  /**
   * Starts a block running `command` and returns its job id. The provider wraps `command` with its
   * launcher (`launcher.wrap(command, tasksPerNode, nodesPerBlock)`) and prepends `workerInit`.
   * @throws {SubmitException | ScaleOutFailed | SchedulerMissingArgs | ScriptPathError}
   */
  submit(command: string, tasksPerNode: number, jobName: string): Promise<string>;
  /** Current status of each job, in the order given. */
  status(jobIds: readonly string[]): Promise<JobStatus[]>;
  /** Cancels jobs; true for each job that was cancelled. */
  cancel(jobIds: readonly string[]): Promise<boolean[]>;
  close(): Promise<void>;
}
