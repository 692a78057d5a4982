import { DependencyError } from '../../domain/errors/DependencyError.js';
import { decideRetry } from '../../domain/task/retryCost.js';
import type { TaskState } from '../../domain/task/TaskState.js';
import { transition } from '../../domain/task/taskTransitions.js';
import type { Clock } from '../../ports/Clock.js';
import type { BashPayload, Executor, ExecutorTask, FunctionPayload } from '../../ports/Executor.js';
import type { Logger } from '../../ports/Logger.js';
import type { ParslConfig } from '../config/ParslConfig.js';
import { buildPayload } from './buildPayload.js';
import { JoinWaiter } from './JoinWaiter.js';
import type { KernelEventBus } from './KernelEventBus.js';
import type { Memoizer } from './Memoizer.js';
import { MemoTasks } from './MemoTasks.js';
import { resolveArguments, streamTarget } from './resolveArguments.js';
import type { TaskRecord } from './TaskRecord.js';

/** What the lifecycle needs from its kernel. */
export interface TaskLifecycleDeps {
  readonly config: ParslConfig;
  readonly runDir: string;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly executors: ReadonlyMap<string, Executor>;
  /** Where task-state changes go (recorders, sinks and `events$`). */
  readonly events: KernelEventBus;
  readonly release: (record: TaskRecord) => void;
  readonly memoizer: Memoizer;
  /** Wraps in-task staging steps around the payload (DataManager.wrapPayload). */
  readonly stagePayload?: (
    record: TaskRecord,
    payload: FunctionPayload | BashPayload,
    walltime: number | undefined,
  ) => FunctionPayload | BashPayload;
}

/**
 * Moves tasks through their states: waits for dependencies, launches ready tasks from a queue
 * drained off the completion-callback stack (so long chains never recurse), retries failures and
 * completes futures. Parsl: DataFlowKernel.launch_if_ready / handle_exec_update / handle_app_update
 */
export class TaskLifecycle {
  private readonly ready: TaskRecord[] = [];
  private draining = false;
  private active = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly finals = new Map<TaskState, number>();
  private readonly joins: JoinWaiter;
  private readonly memoTasks = new MemoTasks();

  public constructor(private readonly deps: TaskLifecycleDeps) {
    this.joins = new JoinWaiter(
      (record, value) => this.complete(record, value),
      (record, error) => this.attemptFailed(record, error),
    );
  }

  /** Tasks submitted and not yet final. */
  public get unfinished(): number {
    return this.active;
  }

  /** Resolves the next time no task is unfinished. */
  public whenIdle(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** "12 exec_done, 1 failed" */
  /** Tasks that ended in `state` so far. */
  public count(state: TaskState): number {
    return this.finals.get(state) ?? 0;
  }

  public summary(): string {
    return [...this.finals].map(([state, count]) => `${count} ${state}`).join(', ') || 'no tasks';
  }

  /** Fills in the future's stream paths when they are known at submit time. */
  public describeStreams(record: TaskRecord): void {
    const special = record.specialArgs;
    if (special === undefined) return;
    const known = (value: unknown): boolean => typeof value === 'string' || Array.isArray(value);
    if (known(special.stdout))
      record.future.stdout = streamTarget(
        special.stdout as string,
        'stdout',
        record,
        this.deps.runDir,
      )?.path;
    if (known(special.stderr))
      record.future.stderr = streamTarget(
        special.stderr as string,
        'stderr',
        record,
        this.deps.runDir,
      )?.path;
  }

  /** Takes a new task in: it waits for its dependencies, then is queued to launch. */
  public admit(record: TaskRecord): void {
    this.active += 1;
    this.announce(record, undefined, 'pending');
    if (record.pendingDependencies === 0) {
      this.enqueue(record);
      return;
    }
    const onDependencyDone = (): void => {
      record.pendingDependencies -= 1;
      if (record.pendingDependencies === 0) this.enqueue(record);
    };
    for (const dependency of record.dependencies) dependency.addDoneCallback(onDependencyDone);
  }

  /** Ends a task with an exception in `state` ('failed' or 'dep_fail'). */
  public fail(record: TaskRecord, error: unknown, state: 'failed' | 'dep_fail'): void {
    this.setState(record, state, error);
    if (record.memoKey !== undefined)
      this.deps.memoizer.recordFailure(record.memoKey, this.memoTasks.of(record, []), error);
    record.future.setException(error);
    if (!this.deps.config.lazyErrors) void Promise.reject(error);
    this.finish(record, state);
  }

  private enqueue(record: TaskRecord): void {
    this.ready.push(record);
    if (!this.draining) {
      this.draining = true;
      queueMicrotask(() => this.drain());
    }
  }

  private drain(): void {
    // A launch may enqueue more (retries, memo hits); keep going until the queue is empty.
    for (let index = 0; index < this.ready.length; index += 1) {
      const record = this.ready[index];
      if (record !== undefined) this.launch(record);
    }
    this.ready.length = 0;
    this.draining = false;
  }

  private launch(record: TaskRecord): void {
    if (record.state !== 'pending') return;
    let resolved: ReturnType<typeof resolveArguments>;
    try {
      resolved = resolveArguments(record, this.deps.runDir);
    } catch (error: unknown) {
      this.fail(record, error, 'failed');
      return;
    }
    if (resolved.kind === 'depFail') {
      this.fail(record, new DependencyError(record.id, resolved.failed), 'dep_fail');
      return;
    }
    let attempt: Promise<unknown> | undefined;
    if (record.memoKey === undefined && record.app.cache) {
      try {
        attempt = this.consultMemo(record, resolved.args);
      } catch (error: unknown) {
        this.fail(record, error, 'failed');
        return;
      }
      if (record.state !== 'pending') return;
    }
    this.setState(record, 'launched');
    if (attempt !== undefined) {
      attempt.then(
        (value) => this.attemptSucceeded(record, value),
        (error: unknown) => this.attemptFailed(record, error),
      );
      return;
    }
    const executor = this.deps.executors.get(record.executor);
    try {
      if (executor === undefined) throw new Error(`executor ${record.executor} vanished`);
      const task: ExecutorTask = {
        id: record.id,
        tryId: record.tryId,
        appName: record.app.name,
        payload: this.stagedPayload(record, resolved),
        ...(resolved.walltime === undefined ? {} : { walltimeSeconds: resolved.walltime }),
      };
      attempt = executor.submit(task);
    } catch (error: unknown) {
      attempt = Promise.reject(error);
    }
    attempt.then(
      (value) => this.attemptSucceeded(record, value),
      (error: unknown) => this.attemptFailed(record, error),
    );
  }

  private stagedPayload(
    record: TaskRecord,
    resolved: Extract<ReturnType<typeof resolveArguments>, { kind: 'ready' }>,
  ): FunctionPayload | BashPayload {
    const payload = buildPayload(record.app, resolved);
    return this.deps.stagePayload?.(record, payload, resolved.walltime) ?? payload;
  }

  /** A memo hit completes the task (memo_done); a shared run returns its promise; a miss keys the record. */
  private consultMemo(record: TaskRecord, args: readonly unknown[]): Promise<unknown> | undefined {
    const lookup = this.deps.memoizer.lookup(this.memoTasks.of(record, args));
    if (lookup.kind === 'off') return undefined;
    record.memoKey = lookup.key;
    if (lookup.kind === 'shared') return lookup.result;
    if (lookup.kind === 'hit') {
      this.setState(record, 'memo_done');
      record.future.setResult(lookup.value);
      this.finish(record, 'memo_done');
    }
    return undefined;
  }

  private attemptSucceeded(record: TaskRecord, value: unknown): void {
    if (record.state !== 'launched') return;
    if (record.app.kind === 'join') {
      this.setState(record, 'joining');
      this.joins.wait(record, value);
      return;
    }
    this.complete(record, value);
  }

  private attemptFailed(record: TaskRecord, error: unknown): void {
    if (record.state !== 'launched' && record.state !== 'joining') return;
    record.failCount += 1;
    const handler = this.deps.config.retryHandler;
    let cost = 1;
    try {
      if (handler !== undefined)
        cost = handler(error, { id: record.id, appName: record.app.name, tryId: record.tryId });
    } catch (handlerError: unknown) {
      this.deps.logger.error(
        `retryHandler threw for task ${record.id}: ${String(handlerError)}; counting cost 1`,
      );
    }
    const decision = decideRetry(record.failCost, cost, this.deps.config.retries);
    record.failCost = decision.failCost;
    if (decision.kind === 'fail') {
      this.fail(record, error, 'failed');
      return;
    }
    this.setState(record, 'fail_retryable', error);
    this.deps.logger.info(
      `Task ${record.id} (${record.app.name}) failed on try ${record.tryId}, retrying: ${describe(error)}`,
    );
    record.tryId += 1;
    this.setState(record, 'pending');
    this.enqueue(record);
  }

  private complete(record: TaskRecord, value: unknown): void {
    this.setState(record, 'exec_done');
    if (record.memoKey !== undefined)
      this.deps.memoizer.recordSuccess(record.memoKey, this.memoTasks.of(record, []), value);
    record.future.setResult(value);
    this.finish(record, 'exec_done');
  }

  private finish(record: TaskRecord, state: TaskState): void {
    this.finals.set(state, (this.finals.get(state) ?? 0) + 1);
    if (this.deps.logger.debugEnabled) {
      this.deps.logger.debug(
        `Task ${record.id} (${record.app.name}) ${state} on ${record.executor} after ${record.tryId + 1} tries`,
      );
    }
    this.deps.release(record);
    this.active -= 1;
    if (this.active === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private setState(record: TaskRecord, to: TaskState, error?: unknown): void {
    const from = record.state;
    record.state = transition(record.id, from, to);
    this.announce(record, from, to, error);
  }

  private announce(
    record: TaskRecord,
    from: TaskState | undefined,
    to: TaskState,
    error?: unknown,
  ): void {
    const events = this.deps.events;
    if (!events.wantsTaskStates) return;
    events.taskState(
      record.id,
      record.app.name,
      record.executor,
      record.tryId,
      from,
      to,
      this.deps.clock.now(),
      error === undefined ? undefined : describe(error),
      from === undefined ? dependsOn(record) : undefined,
    );
  }
}

const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

const NO_DEPENDENCIES: readonly number[] = Object.freeze([]);

const dependsOn = (record: TaskRecord): readonly number[] =>
  record.dependencies.length === 0
    ? NO_DEPENDENCIES
    : record.dependencies.flatMap((d) => {
        const id = (d as { taskId?: unknown }).taskId;
        return typeof id === 'number' ? [id] : [];
      });
