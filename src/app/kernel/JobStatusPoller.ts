import { BadStateError } from '../../domain/errors/ExecutorErrors.js';
import { isTerminalJobState, type JobState, type JobStatus } from '../../domain/job/JobState.js';
import {
  type BlockErrorPolicy,
  blockErrorVerdict,
} from '../../domain/scaling/blockErrorVerdict.js';
import { computeScalingDecision } from '../../domain/scaling/computeScalingDecision.js';
import {
  type ExecutorScalingState,
  initialScalingState,
  type ScalingAction,
  type ScalingStrategyName,
} from '../../domain/scaling/ScalingInput.js';
import type { KernelEvent } from '../../domain/task/TaskEvent.js';
import type { BlockExecutor } from '../../ports/BlockExecutor.js';
import type { Clock } from '../../ports/Clock.js';
import type { Logger } from '../../ports/Logger.js';
import type { Ticker, TickHandle } from '../../ports/Ticker.js';

/** Settings of the {@link JobStatusPoller}. */
export interface JobStatusPollerOptions {
  /** Parsl: Config.strategy. @default 'simple' */
  readonly strategy: ScalingStrategyName;
  /** Seconds with no tasks before idle blocks are released. Parsl: Config.max_idletime. @default 120 */
  readonly maxIdletime: number;
  /** Milliseconds between strategy runs. Parsl: Config.strategy_period (5 s). @default 5000 */
  readonly strategyPeriodMs: number;
  /**
   * When failed blocks put the executor in a bad state (its tasks then fail instead of waiting
   * forever). Parsl: Config.block_error_handler. @default 'simple'
   */
  readonly blockErrorHandler?: BlockErrorPolicy;
}

/** What the poller needs from the kernel. */
export interface JobStatusPollerDeps {
  readonly clock: Clock;
  readonly ticker: Ticker;
  readonly logger: Logger;
  /** Receives 'scaling' and 'block-status' events (the kernel pushes them onto `events$`). */
  readonly emit: (event: KernelEvent) => void;
}

interface Tracked {
  readonly executor: BlockExecutor;
  state: ExecutorScalingState;
  /** Last block states reported in events, to emit changes only. */
  readonly seen: Map<string, JobState>;
  readonly statusTicker: TickHandle;
  polling: boolean;
  strategizing: boolean;
}

/** Block ends that are expected and not worth a warning. */
const QUIET_ENDS: ReadonlySet<JobState> = new Set<JobState>([
  'SCALED_IN',
  'CANCELLED',
  'COMPLETED',
]);

const describeError = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * Drives every BlockExecutor: polls its provider's job status every
 * `provider.statusPollingIntervalMs` and runs the scaling strategy every `strategyPeriodMs`,
 * emitting a 'scaling' event per scale-out / scale-in and a 'block-status' event per block state
 * change. `add(executor)` runs the strategy at once, so `initBlocks` start without waiting a
 * period (Parsl waits one strategy period); an executor that already started blocks in `start()`
 * is not asked for `initBlocks` again. Ticks of one kind never overlap for one executor.
 * Lifecycle: the kernel creates it, calls `add` after each executor's `start()`, and `close()`
 * before shutting the executors down (which cancel their own blocks).
 * Parsl: parsl.jobs.job_status_poller.JobStatusPoller + parsl.jobs.strategy.Strategy
 */
export class JobStatusPoller {
  private readonly tracked = new Map<string, Tracked>();
  private readonly inFlight = new Set<Promise<void>>();
  private strategyTicker: TickHandle | undefined;
  private closed = false;

  public constructor(
    private readonly options: JobStatusPollerOptions,
    private readonly deps: JobStatusPollerDeps,
  ) {}

  /** Starts driving `executor` and runs its first strategy step now. */
  public add(executor: BlockExecutor): Promise<void> {
    if (this.closed)
      throw new Error(`JobStatusPoller.add: poller is closed (executor ${executor.label})`);
    if (this.tracked.has(executor.label)) {
      throw new Error(`JobStatusPoller.add: executor ${executor.label} is already polled`);
    }
    const started = executor.blockStatuses().size > 0;
    const entry: Tracked = {
      executor,
      state: started ? { ...initialScalingState, initialized: true } : initialScalingState,
      seen: new Map(),
      statusTicker: this.deps.ticker.every(executor.provider.statusPollingIntervalMs, () =>
        this.track(this.pollOne(entry)),
      ),
      polling: false,
      strategizing: false,
    };
    this.tracked.set(executor.label, entry);
    this.strategyTicker ??= this.deps.ticker.every(this.options.strategyPeriodMs, () =>
      this.track(this.strategizeAll()),
    );
    this.emitChanges(entry, executor.blockStatuses());
    return this.track(this.strategizeOne(entry));
  }

  /** Polls every executor's blocks now (the kernel may call it before a summary). */
  public pollNow(): Promise<void> {
    return this.track(
      Promise.all([...this.tracked.values()].map((t) => this.pollOne(t))).then(() => undefined),
    );
  }

  /** Runs the strategy for every executor now. */
  public strategizeNow(): Promise<void> {
    return this.track(this.strategizeAll());
  }

  /** Stops all ticks and waits for work in flight. Blocks are left to the executors' shutdown. */
  public async close(): Promise<void> {
    this.closed = true;
    this.strategyTicker?.cancel();
    for (const t of this.tracked.values()) t.statusTicker.cancel();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  private async strategizeAll(): Promise<void> {
    await Promise.all([...this.tracked.values()].map((t) => this.strategizeOne(t)));
  }

  private async pollOne(entry: Tracked): Promise<void> {
    if (entry.polling || this.closed) return;
    entry.polling = true;
    try {
      const statuses = await entry.executor.pollBlockStatuses();
      this.emitChanges(entry, statuses);
      this.judgeFailures(entry, statuses);
    } catch (error: unknown) {
      this.deps.logger.warn(
        `JobStatusPoller: status poll of ${entry.executor.label} failed: ${describeError(error)}`,
      );
    } finally {
      entry.polling = false;
    }
  }

  private async strategizeOne(entry: Tracked): Promise<void> {
    const { executor } = entry;
    if (entry.strategizing || this.closed || executor.badState !== undefined) return;
    entry.strategizing = true;
    try {
      const provider = executor.provider;
      const decision = computeScalingDecision(
        {
          executor: executor.label,
          strategy: this.options.strategy,
          outstandingTasks: executor.outstanding(),
          blockStates: [...executor.blockStatuses().values()].map((s) => s.state),
          initBlocks: provider.initBlocks,
          minBlocks: provider.minBlocks,
          maxBlocks: provider.maxBlocks,
          nodesPerBlock: provider.nodesPerBlock,
          workersPerNode: executor.workersPerNode,
          parallelism: provider.parallelism,
          maxIdletimeSeconds: this.options.maxIdletime,
          canScaleInIdleBlocks: executor.canScaleInIdleBlocks,
          state: entry.state,
        },
        this.deps.clock.now(),
      );
      entry.state = decision.state;
      if (this.deps.logger.debugEnabled) {
        this.deps.logger.debug(
          `JobStatusPoller: ${executor.label}: ${decision.case}: ${decision.reason}`,
        );
      }
      for (const action of decision.actions) await this.apply(entry, action);
    } catch (error: unknown) {
      this.deps.logger.error(
        `JobStatusPoller: strategy for ${executor.label} failed: ${describeError(error)}`,
      );
    } finally {
      entry.strategizing = false;
    }
  }

  private async apply(entry: Tracked, action: ScalingAction): Promise<void> {
    const { executor } = entry;
    const blockIds =
      action.action === 'scale-out'
        ? await executor.scaleOut(action.blocks)
        : await executor.scaleIn(
            action.blocks,
            action.maxIdletimeSeconds === undefined
              ? {}
              : { maxIdletimeSeconds: action.maxIdletimeSeconds },
          );
    this.deps.logger.info(
      `JobStatusPoller: ${executor.label}: ${action.action} ${action.blocks} block(s) [${blockIds.join(', ')}]: ${action.reason}`,
    );
    this.deps.emit({
      type: 'scaling',
      executor: executor.label,
      action: action.action,
      blocks: action.blocks,
      blockIds,
      reason: action.reason,
      at: this.deps.clock.now(),
    });
    this.emitChanges(entry, executor.blockStatuses());
  }

  /** Parsl's block error handler: hopeless blocks fail the executor rather than hang its tasks. */
  private judgeFailures(entry: Tracked, statuses: ReadonlyMap<string, JobStatus>): void {
    const { executor } = entry;
    if (executor.badState !== undefined) return;
    const verdict = blockErrorVerdict(
      this.options.blockErrorHandler ?? 'simple',
      statuses,
      executor.provider.initBlocks,
    );
    if (!verdict.bad) return;
    const error = new BadStateError(
      executor.label,
      `its blocks failed (block error handler '${this.options.blockErrorHandler ?? 'simple'}'). Check the provider settings, workerInit and the block logs:\n${verdict.message}`,
    );
    this.deps.logger.error(`JobStatusPoller: ${error.message}`);
    executor.setBadState?.(error);
  }

  private emitChanges(entry: Tracked, statuses: ReadonlyMap<string, JobStatus>): void {
    for (const [blockId, status] of statuses) {
      const previous = entry.seen.get(blockId);
      if (previous === status.state) continue;
      entry.seen.set(blockId, status.state);
      this.deps.emit({
        type: 'block-status',
        executor: entry.executor.label,
        blockId,
        state: status.state,
        previous,
        ...(status.message === undefined ? {} : { message: status.message }),
        ...(status.exitCode === undefined ? {} : { exitCode: status.exitCode }),
        at: this.deps.clock.now(),
      });
      if (isTerminalJobState(status.state) && !QUIET_ENDS.has(status.state)) {
        this.deps.logger.warn(
          `JobStatusPoller: ${entry.executor.label} block ${blockId} ended ${status.state}${status.message === undefined ? '' : `: ${status.message}`}`,
        );
      }
    }
  }
}
