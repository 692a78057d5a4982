import { inject, injectable, multiInject } from 'inversify';
import type { Observable } from 'rxjs';
import { ConfigurationError } from '../../domain/errors/ConfigurationError.js';
import { KernelClosedError, UnknownExecutorError } from '../../domain/errors/KernelErrors.js';
import { TaskCancelled } from '../../domain/errors/TaskErrors.js';
import type { KernelEvent } from '../../domain/task/TaskEvent.js';
import type { TaskState } from '../../domain/task/TaskState.js';
import { isBlockExecutor } from '../../ports/BlockExecutor.js';
import type { Clock } from '../../ports/Clock.js';
import type { Executor } from '../../ports/Executor.js';
import type {
  KernelEventRecorder,
  KernelEventSink,
  KernelEventSource,
} from '../../ports/KernelEventSink.js';
import type { Logger } from '../../ports/Logger.js';
import { TOKENS } from '../../ports/tokens.js';
import { VERSION } from '../../version.js';
import type { AppDefinition, AppKernel } from '../apps/AppDefinition.js';
import { SpecialArgs } from '../apps/special.js';
import type { ParslConfig } from '../config/ParslConfig.js';
import { APP_TOKENS } from '../container/appTokens.js';
import { AppFuture } from '../futures/AppFuture.js';
import { type RunObservers, startRunObservers } from '../monitoring/startRunObservers.js';
import { collectDependencies } from './collectDependencies.js';
import { DataManager } from './DataManager.js';
import { JobStatusPoller } from './JobStatusPoller.js';
import { KernelEventBus } from './KernelEventBus.js';
import { Memoizer } from './Memoizer.js';
import type { RunInfo } from './runDirectory.js';
import { startExecutors } from './startExecutors.js';
import { TaskLifecycle } from './TaskLifecycle.js';
import type { TaskRecord } from './TaskRecord.js';

const noop = (): void => {};

/** Options of {@link DataFlowKernel.cleanup}. */
export interface CleanupOptions {
  /** Do not wait: fail unfinished tasks with KernelClosedError and stop executors at once. */
  readonly abort?: boolean;
}

/**
 * Runs apps: tracks each call's dependencies, launches it on an executor when they are ready,
 * retries failures, and completes its AppFuture. Build one with `load(config)`.
 * Parsl: parsl.dataflow.dflow.DataFlowKernel
 */
@injectable()
export class DataFlowKernel implements AppKernel, KernelEventSource, AsyncDisposable {
  /** Task state changes, workflow start/end, scaling decisions and block states, as they happen. */
  public readonly events$: Observable<KernelEvent>;
  private readonly tasks = new Map<number, TaskRecord>();
  private readonly executorsByLabel = new Map<string, Executor>();
  private readonly allLabels: readonly string[];
  private readonly lifecycle: TaskLifecycle;
  private nextTaskId = 0;
  private closing: Promise<void> | undefined;
  private started = false;
  private readonly closeHooks: Array<() => void> = [];
  private observers: RunObservers | undefined;

  public constructor(
    @inject(APP_TOKENS.Config) public readonly config: ParslConfig,
    @inject(APP_TOKENS.RunInfo) private readonly run: RunInfo,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @multiInject(TOKENS.Executor) executors: Executor[],
    @inject(APP_TOKENS.InternalExecutor) internalExecutor: Executor,
    @inject(Memoizer) private readonly memoizer: Memoizer,
    @inject(JobStatusPoller) private readonly poller: JobStatusPoller,
    @inject(KernelEventBus) private readonly events: KernelEventBus,
    @inject(DataManager) private readonly dataManager: DataManager,
  ) {
    this.events$ = events.events$;
    for (const executor of [...executors, internalExecutor]) {
      if (this.executorsByLabel.has(executor.label)) {
        throw ConfigurationError.single(
          'executors',
          `duplicate executor label "${executor.label}"`,
        );
      }
      this.executorsByLabel.set(executor.label, executor);
    }
    this.allLabels = executors.map((e) => e.label);
    if (this.allLabels.length === 0)
      throw ConfigurationError.single('executors', 'at least one executor is needed');
    this.lifecycle = new TaskLifecycle({
      config,
      runDir: run.runDir,
      logger,
      clock,
      executors: this.executorsByLabel,
      events,
      release: (record) => this.release(record),
      memoizer,
      // Staging (DataManager): in-task staging steps wrap the payload at each launch.
      stagePayload: (record, payload, walltime) =>
        this.dataManager.wrapPayload(record.future, payload, record.app.name, walltime),
    });
  }

  /** This run's directory, e.g. `runinfo/003`. */
  public get runDir(): string {
    return this.run.runDir;
  }

  public get runId(): string {
    return this.run.runId;
  }

  /** Labels of the configured executors. */
  public get executorLabels(): readonly string[] {
    return this.allLabels;
  }

  /** Tasks not yet final (or final but not yet released when garbageCollect is off). */
  public get taskCount(): number {
    return this.tasks.size;
  }

  /**
   * Adds a synchronous observer of every event: cheaper than subscribing to `events$` (a
   * task-state event object is reused after the sink returns; copy what you keep).
   * @returns a function that removes the sink
   */
  public addEventSink(sink: KernelEventSink): () => void {
    return this.events.addEventSink(sink);
  }

  /**
   * Adds a recorder: the cheapest observer (task-state changes arrive as arguments); the
   * monitoring hub is one. @returns a function that removes it
   */
  public addEventRecorder(recorder: KernelEventRecorder): () => void {
    return this.events.addEventRecorder(recorder);
  }

  /** The executor with this label. */
  public executor(label: string): Executor | undefined {
    return this.executorsByLabel.get(label);
  }

  /** Starts every executor; `load()` calls it. */
  public async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.memoizer.start();
    // observers first: executors pass the hub's radio to their workers
    this.observers = await startRunObservers({
      events: this.events,
      runId: this.run.runId,
      runDir: this.run.runDir,
      baseRunDir: this.config.runDir,
      monitoring: this.config.monitoring,
      usageTracking: this.config.usageTracking,
      version: VERSION,
      logger: this.logger,
      ...(this.config.progress ? {} : { progress: false as const }),
    });
    // Observers stamp every change: let the clock finish any warm-up before tasks come.
    await this.events.clockReady;
    const workerMonitoring = this.observers.workerMonitoring;
    const context = {
      runDir: this.run.runDir,
      logger: this.logger,
      watchProcess: (taskId: number, tryId: number, pid: number) =>
        this.observers?.monitoring?.watchProcess(taskId, tryId, pid) ?? noop,
      ...(workerMonitoring === undefined ? {} : { workerMonitoring }),
    };
    const executors = [...this.executorsByLabel.values()];
    await startExecutors(executors, context, this.logger);
    await Promise.all(executors.filter(isBlockExecutor).map((e) => this.poller.add(e)));
    this.logger.info(
      `DataFlowKernel started: run ${this.run.runId} in ${this.run.runDir}; executors ${this.allLabels.join(', ')}`,
    );
    this.emit({
      type: 'workflow-start',
      runId: this.run.runId,
      runDir: this.run.runDir,
      at: this.clock.now(),
    });
  }

  /**
   * Submits one call of `app`; used by the callables that app()/bashApp()/joinApp() return.
   * @throws {UnknownExecutorError} when the app names executors that are not configured
   * @throws {KernelClosedError} after cleanup
   */
  public submit(app: AppDefinition, callArgs: readonly unknown[]): AppFuture<unknown> {
    if (this.closing !== undefined)
      throw new KernelClosedError(`app ${app.name} was called after cleanup()`);
    const executor = this.chooseExecutor(app);
    const id = this.nextTaskId++;
    const last = callArgs[callArgs.length - 1];
    const holder = SpecialArgs.is(last) ? last : undefined;
    const positional = holder === undefined ? callArgs : callArgs.slice(0, -1);
    // Staging (DataManager): inputs become staged Files or staging futures (dependencies), outputs
    // fresh Files whose DataFutures complete when staged out; throws UnsupportedSchemeError.
    const staging = this.dataManager.prepare(executor, id, holder?.value);
    const { dependencies, args, specialArgs } = collectDependencies(positional, staging.special);
    const future = new AppFuture<unknown>(id, app.name, this, staging.outputs);
    staging.attach(future);
    const record: TaskRecord = {
      id,
      app,
      args,
      specialArgs,
      executor,
      future,
      dependencies,
      state: 'pending',
      tryId: 0,
      failCount: 0,
      failCost: 0,
      pendingDependencies: dependencies.length,
      memoKey: undefined,
    };
    this.lifecycle.describeStreams(record);
    this.tasks.set(id, record);
    this.lifecycle.admit(record);
    return future;
  }

  /** Cancels a task that has not been launched. */
  public cancelTask(taskId: number): boolean {
    const record = this.tasks.get(taskId);
    if (record === undefined || record.state !== 'pending' || record.tryId > 0) return false;
    this.lifecycle.fail(record, new TaskCancelled(taskId), 'failed');
    return true;
  }

  /** A task's state, while the kernel still holds its record. */
  public taskState(taskId: number): TaskState | undefined {
    return this.tasks.get(taskId)?.state;
  }

  /** Waits until every task submitted so far (and any they submit) is final. */
  public async waitForCurrentTasks(): Promise<void> {
    while (this.lifecycle.unfinished > 0) await this.lifecycle.whenIdle();
  }

  /**
   * Waits for current tasks (unless `abort`), stops managed executors, writes the end of the run.
   * Idempotent. Parsl: DataFlowKernel.cleanup
   */
  public cleanup(options: CleanupOptions = {}): Promise<void> {
    this.closing ??= this.close(options);
    return this.closing;
  }

  public [Symbol.asyncDispose](): Promise<void> {
    return this.cleanup();
  }

  /**
   * Checkpoints every result not yet checkpointed and returns the checkpoint directory.
   * Parsl: DataFlowKernel.checkpoint
   */
  public checkpoint(): Promise<string> {
    return this.memoizer.checkpoint();
  }

  /** Runs `hook` once cleanup has finished (used by load() to detach process hooks). */
  public onClosed(hook: () => void): void {
    this.closeHooks.push(hook);
  }

  /** True once cleanup has started. */
  public get closed(): boolean {
    return this.closing !== undefined;
  }

  /** Kills child processes synchronously; for `process.on('exit')`. */
  public killChildrenSync(): void {
    for (const executor of this.executorsByLabel.values()) executor.killSync?.();
  }

  private async close(options: CleanupOptions): Promise<void> {
    if (options.abort === true) {
      this.killChildrenSync();
      // Checkpoint first: failing the tasks below may end a script that does not catch them.
      await this.closeMemoizer();
      for (const record of [...this.tasks.values()]) {
        if (
          record.state === 'pending' ||
          record.state === 'launched' ||
          record.state === 'joining'
        ) {
          this.lifecycle.fail(
            record,
            new KernelClosedError(`task ${record.id} was aborted by cleanup`),
            'failed',
          );
        }
      }
    } else {
      await this.waitForCurrentTasks();
    }
    await this.poller.close();
    await this.closeMemoizer();
    const managed = [...this.executorsByLabel.values()].filter((e) => e.managed);
    const results = await Promise.allSettled(
      managed.map((e) => e.shutdown(options.abort === true ? { abort: true } : {})),
    );
    results.forEach((result, index) => {
      if (result.status === 'rejected')
        this.logger.error(
          `executor ${managed[index]?.label} failed to shut down: ${String(result.reason)}`,
        );
    });
    await this.dataManager.close();
    this.emit({
      type: 'workflow-end',
      runId: this.run.runId,
      runDir: this.run.runDir,
      at: this.clock.now(),
    });
    try {
      await this.observers?.close({
        exitCode: typeof process.exitCode === 'number' ? process.exitCode : 0,
        executorCount: this.allLabels.length,
        taskCount: this.nextTaskId,
        failedCount: this.lifecycle.count('failed') + this.lifecycle.count('dep_fail'),
      });
    } catch (error: unknown) {
      this.logger.error(`monitoring failed to close: ${String(error)}`);
    }
    this.logger.info(`DataFlowKernel cleaned up: ${this.lifecycle.summary()}`);
    this.events.complete();
    this.logger.close();
    for (const hook of this.closeHooks) hook();
  }

  private async closeMemoizer(): Promise<void> {
    try {
      await this.memoizer.close();
    } catch (error: unknown) {
      this.logger.error(`final checkpoint failed: ${String(error)}`);
    }
  }

  private chooseExecutor(app: AppDefinition): string {
    if (app.kind === 'join') return '_parsl_internal';
    const allowed = app.executors === 'all' ? this.allLabels : app.executors;
    if (app.executors !== 'all') {
      const unknown = allowed.filter((label) => !this.allLabels.includes(label));
      if (unknown.length > 0 || allowed.length === 0)
        throw new UnknownExecutorError(app.name, unknown, this.allLabels);
    }
    const label =
      allowed.length === 1 ? allowed[0] : allowed[Math.floor(Math.random() * allowed.length)];
    return label ?? '';
  }

  private release(record: TaskRecord): void {
    if (this.config.garbageCollect) this.tasks.delete(record.id);
  }

  private emit(event: KernelEvent): void {
    this.events.emit(event);
  }
}
