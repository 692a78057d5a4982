import type { JobStatus } from '../domain/job/JobState.js';
import type { ExecutionProvider } from './ExecutionProvider.js';
import type { Executor } from './Executor.js';

/** Options of {@link BlockExecutor.scaleIn}. */
export interface ScaleInOptions {
  /**
   * Only cancel blocks whose workers have run no task for at least this many seconds (and hold
   * no task now). Absent: any block may go, idle ones first.
   */
  readonly maxIdletimeSeconds?: number;
  /** Cancel blocks even if they are running tasks (their tasks fail). @default false */
  readonly force?: boolean;
}

/**
 * An executor whose workers run in blocks started by an {@link ExecutionProvider}
 * (HighThroughputExecutor). The JobStatusPoller drives it: it calls `pollBlockStatuses` every
 * `provider.statusPollingIntervalMs`, then runs the scaling strategy and calls `scaleOut` /
 * `scaleIn`. The executor owns the block-id → job-id table; block ids are "0", "1", … in start order.
 * Lifecycle: the poller starts driving it after `start()` and stops before `shutdown()`; at
 * shutdown the executor cancels its own remaining blocks.
 * Parsl: parsl.executors.status_handling.BlockProviderExecutor
 */
export interface BlockExecutor extends Executor {
  readonly provider: ExecutionProvider;
  /** Task slots per node (Parsl's workers_per_node); the strategy's slots per block = this × nodesPerBlock. */
  readonly workersPerNode: number;
  /** Workers currently registered (for logs and events only). */
  readonly connectedWorkers: number;
  /**
   * True when `scaleIn` honours `maxIdletimeSeconds` by choosing idle blocks itself (HTEX); the
   * 'htexAutoScale' strategy only scales in executors that can.
   */
  readonly canScaleInIdleBlocks: boolean;
  /**
   * Set once the executor is unusable (e.g. every block failed); the poller then skips it.
   * Parsl: BlockProviderExecutor.bad_state_is_set / executor_exception
   */
  readonly badState: Error | undefined;
  /**
   * Starts `blocks` new blocks through the provider; returns their block ids. A failed submit is
   * recorded as a FAILED block status rather than thrown, as in Parsl.
   */
  scaleOut(blocks: number): Promise<string[]>;
  /** Cancels up to `blocks` blocks, idle ones first; returns the ids cancelled (now SCALED_IN). */
  scaleIn(blocks: number, options?: ScaleInOptions): Promise<string[]>;
  /** Last known status of every block started so far, by block id (no I/O). */
  blockStatuses(): ReadonlyMap<string, JobStatus>;
  /**
   * Puts the executor in a bad state and fails every outstanding and future task with `error`
   * (the poller calls it when the block error policy says the blocks are hopeless). Optional so
   * executors can adopt it; without it the poller only logs.
   * Parsl: BlockProviderExecutor.set_bad_state_and_fail_all
   */
  setBadState?(error: Error): void;
  /**
   * Asks the provider for the status of the non-terminal blocks, updates the table and returns it.
   * @throws {ExecutionProviderException} when the provider cannot be asked
   */
  pollBlockStatuses(): Promise<ReadonlyMap<string, JobStatus>>;
}

/** True when `executor` runs provider blocks and wants a scaling strategy. */
export const isBlockExecutor = (executor: Executor): executor is BlockExecutor =>
  executor.scalingEnabled &&
  'provider' in executor &&
  'scaleOut' in executor &&
  'pollBlockStatuses' in executor;
