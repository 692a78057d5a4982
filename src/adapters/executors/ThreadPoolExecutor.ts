import { hostname } from 'node:os';
import { ConfigurationError } from '../../domain/errors/ConfigurationError.js';
import {
  ExecutorError,
  UnshippableFunctionError,
  WorkerLost,
} from '../../domain/errors/ExecutorErrors.js';
import { AppTimeout } from '../../domain/errors/TaskErrors.js';
import type { Executor, ExecutorContext, ExecutorTask } from '../../ports/Executor.js';
import type { Logger } from '../../ports/Logger.js';
import { BashRunner } from './bash/BashRunner.js';
import type { Attempt, BashAttempt, FunctionAttempt } from './threadPool/Attempt.js';
import { argumentError, unclonableArgumentsError } from './threadPool/attemptErrors.js';
import { BatchSizer } from './threadPool/BatchSizer.js';
import { Fifo } from './threadPool/Fifo.js';
import { FunctionRegistry } from './threadPool/FunctionRegistry.js';
import { ThreadWorker, type ThreadWorkerHandler } from './threadPool/ThreadWorker.js';
import { rebuildError } from './worker/rebuildError.js';
import { decodeValue, encodeArgs } from './worker/valueCodec.js';
import type { SerializedError } from './worker/wire.js';

/** Options of {@link ThreadPoolExecutor}. */
export interface ThreadPoolExecutorOptions {
  /** Unique executor label. @default 'threads' */
  readonly label?: string;
  /** Attempts running at once: worker threads plus bash apps. @default 2 */
  readonly maxThreads?: number;
  /** @default true */
  readonly managed?: boolean;
}

/** Threads that may die while starting, in a row, before queued attempts are failed. */
const BOOT_FAILURES_TOLERATED = 3;

/**
 * Runs function apps on a pool of `worker_threads` (CPU-bound work runs in parallel) and bash apps
 * as child processes, at most `maxThreads` attempts at once. A function reaches a thread by
 * reference (module URL + export) or by value (its source); arguments and results travel by
 * structured clone, with File and Special rebuilt. Threads start lazily, are unref'd while idle,
 * are replaced when killed for a walltime (AppTimeout) or lost (WorkerLost). Tasks and results
 * are batched into few messages, so tiny tasks run at tens of thousands per second.
 * Parsl: parsl.executors.ThreadPoolExecutor
 */
export class ThreadPoolExecutor implements Executor {
  public readonly label: string;
  public readonly managed: boolean;
  public readonly scalingEnabled = false;
  private readonly maxThreads: number;
  private readonly bash = new BashRunner();
  private watchProcess: ExecutorContext['watchProcess'];
  private readonly queue = new Fifo<Attempt>();
  private readonly workers: ThreadWorker[] = [];
  private readonly functions = new FunctionRegistry();
  private readonly drainWaiters: Array<() => void> = [];
  private state: 'new' | 'running' | 'closed' = 'new';
  private logger: Logger | undefined;
  private inFlight = 0;
  private readonly runningBash = new Set<BashAttempt>();
  private threadsMade = 0;
  private bootFailures = 0;
  private lastBootFailure = '';
  private pumpScheduled = false;
  private readonly batches = new BatchSizer();
  private readonly handler: ThreadWorkerHandler = {
    settled: (attempt, ok, value) => this.settled(attempt, ok, value),
    started: (worker, attempt) => this.armWalltime(worker, attempt),
    measured: (busyMs, count) => this.batches.record(busyMs, count),
    unclonable: (attempt, error) => {
      this.finish();
      attempt.reject(unclonableArgumentsError(this.label, attempt.task, attempt.args, error));
    },
    progressed: () => {
      if (this.queue.size > 0) this.pump();
    },
    lost: (worker, reason) => {
      if (!worker.everStarted) {
        this.bootFailures += 1;
        this.lastBootFailure = reason;
      }
      this.retire(worker, reason, undefined);
    },
  };

  public constructor(options: ThreadPoolExecutorOptions = {}) {
    this.label = options.label ?? 'threads';
    this.managed = options.managed ?? true;
    this.maxThreads = options.maxThreads ?? 2;
    if (!Number.isInteger(this.maxThreads) || this.maxThreads < 1) {
      throw ConfigurationError.single(
        `executors[${this.label}].maxThreads`,
        `must be an integer >= 1, got ${String(options.maxThreads)}`,
      );
    }
  }

  public async start(context: ExecutorContext): Promise<void> {
    if (this.state === 'closed')
      throw new ExecutorError(this.label, 'start called after shutdown()');
    this.logger = context.logger;
    this.watchProcess = context.watchProcess;
    this.state = 'running';
    // Boot one thread in the background (it takes ~50-300 ms): start() stays instant, and the
    // first app usually finds a thread ready. More threads start on demand.
    setImmediate(() => {
      if (this.state === 'running' && this.workers.length === 0) this.spawn();
    });
  }

  public submit(task: ExecutorTask): Promise<unknown> {
    if (this.state !== 'running') {
      const why =
        this.state === 'new' ? 'submit called before start()' : 'submit called after shutdown()';
      return Promise.reject(
        new ExecutorError(this.label, `${why} (task ${task.id}, app ${task.appName})`),
      );
    }
    return new Promise<unknown>((resolve, reject) => {
      const { payload } = task;
      if (payload.kind === 'bash') {
        this.enqueue({ kind: 'bash', task, payload, resolve, reject });
        return;
      }
      const fnId = this.functions.idOf(payload.ship);
      const problem = this.functions.problem(fnId);
      if (problem !== undefined) {
        reject(new UnshippableFunctionError(this.label, `app ${task.appName}: ${problem}`));
        return;
      }
      let args: readonly unknown[];
      try {
        args = encodeArgs(payload.args);
      } catch (error: unknown) {
        reject(argumentError(this.label, task, error));
        return;
      }
      const { ship } = payload;
      this.enqueue({
        kind: 'function',
        task,
        fnId,
        ship,
        args,
        seq: -1,
        timer: undefined,
        resolve,
        reject,
      });
    });
  }

  public outstanding(): number {
    return this.inFlight;
  }

  /** Kills running bash apps' process groups at once; threads end with the process anyway. */
  public killSync(): void {
    this.bash.killAll();
  }

  public async shutdown(options?: { readonly abort?: boolean }): Promise<void> {
    if (this.state === 'closed') return;
    if (options?.abort !== true && this.inFlight > 0) {
      await new Promise<void>((done) => this.drainWaiters.push(done));
    }
    this.state = 'closed';
    const reason = (task: ExecutorTask): string =>
      `shut down while task ${task.id} (app ${task.appName}) was outstanding`;
    for (const attempt of this.queue.drain()) this.abort(attempt, reason);
    for (const attempt of this.runningBash) this.abort(attempt, reason);
    this.runningBash.clear();
    for (const worker of this.workers.splice(0)) {
      const { ran, unstarted } = worker.takeUnfinished();
      for (const attempt of [...ran, ...unstarted]) this.abort(attempt, reason);
      await worker.stop();
    }
    this.bash.killAll();
  }

  private settled(attempt: FunctionAttempt, ok: boolean, value: unknown): void {
    this.bootFailures = 0;
    if (attempt.timer !== undefined) clearTimeout(attempt.timer);
    this.finish();
    if (ok) {
      attempt.resolve(decodeValue(value));
    } else {
      const context = { executor: this.label, appName: attempt.task.appName };
      attempt.reject(rebuildError(value as SerializedError, context));
    }
  }

  /** The walltime counts from the thread's start notice, not from submission. */
  private armWalltime(worker: ThreadWorker, attempt: FunctionAttempt): void {
    const seconds = attempt.task.walltimeSeconds;
    if (seconds === undefined) return;
    attempt.timer = setTimeout(() => {
      attempt.timer = undefined;
      // Not running any more means its result is already on its way.
      if (!worker.isRunning(attempt.seq)) return;
      this.retire(worker, `app ${attempt.task.appName} ran past its walltime`, attempt);
    }, seconds * 1000);
    attempt.timer.unref();
  }

  private enqueue(attempt: Attempt): void {
    this.inFlight += 1;
    this.queue.push(attempt);
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    if (this.state !== 'running') return;
    while (this.queue.size > 0) {
      const next = this.queue.peek() as Attempt;
      if (next.kind === 'bash') {
        if (this.busySlots() >= this.maxThreads) break;
        this.queue.shift();
        this.runBash(next);
        continue;
      }
      const worker = this.pickWorker();
      if (worker === undefined) break;
      this.queue.shift();
      worker.assign(next);
    }
    for (const worker of this.workers) worker.flush();
  }

  private pickWorker(): ThreadWorker | undefined {
    let idle: ThreadWorker | undefined;
    let leastBusy: ThreadWorker | undefined;
    for (const worker of this.workers) {
      if (worker.load === 0) idle ??= worker;
      else if (
        worker.load < this.batches.limit &&
        (leastBusy === undefined || worker.load < leastBusy.load)
      )
        leastBusy = worker;
    }
    if (this.busySlots() < this.maxThreads) {
      if (idle !== undefined) return idle;
      if (this.workers.length < this.maxThreads) return this.spawn();
    }
    return leastBusy;
  }

  private busySlots(): number {
    let busy = this.runningBash.size;
    for (const worker of this.workers) if (worker.load > 0) busy += 1;
    return busy;
  }

  private spawn(): ThreadWorker | undefined {
    if (this.bootFailures >= BOOT_FAILURES_TOLERATED) {
      this.failEverything(
        `worker threads keep dying while starting (${this.bootFailures} in a row; last: ${this.lastBootFailure})`,
      );
      return undefined;
    }
    this.threadsMade += 1;
    let worker: ThreadWorker;
    try {
      worker = new ThreadWorker(`thread-${this.threadsMade}`, this.handler);
    } catch (error: unknown) {
      this.failEverything(
        `cannot start a worker thread: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
    this.workers.push(worker);
    this.logger?.debug(`ThreadPoolExecutor[${this.label}]: started worker ${worker.id}`);
    return worker;
  }

  /** Removes a dead or runaway thread, fails what it was running, requeues the rest, replaces it. */
  private retire(
    worker: ThreadWorker,
    reason: string,
    timedOut: FunctionAttempt | undefined,
  ): void {
    const index = this.workers.indexOf(worker);
    if (index < 0) return;
    this.workers.splice(index, 1);
    const { ran, unstarted } = worker.takeUnfinished();
    this.logger?.warn(
      `ThreadPoolExecutor[${this.label}]: replacing worker ${worker.id}: ${reason} (${ran.length} attempt(s) failed, ${unstarted.length} requeued)`,
    );
    if (timedOut !== undefined) void worker.stop();
    for (const attempt of ran) {
      if (attempt.timer !== undefined) clearTimeout(attempt.timer);
      this.finish();
      attempt.reject(
        attempt === timedOut
          ? new AppTimeout(attempt.task.appName, attempt.task.walltimeSeconds ?? 0)
          : new WorkerLost(this.label, worker.id, hostname(), { reason }),
      );
    }
    this.queue.unshiftAll(unstarted);
    if (
      this.state === 'running' &&
      this.workers.length < this.maxThreads &&
      this.bootFailures < BOOT_FAILURES_TOLERATED
    ) {
      this.spawn();
    }
    this.pump();
  }

  private runBash(attempt: BashAttempt): void {
    this.runningBash.add(attempt);
    const { task } = attempt;
    const watch = this.watchProcess;
    const options = {
      appName: task.appName,
      ...(task.walltimeSeconds === undefined ? {} : { walltimeSeconds: task.walltimeSeconds }),
      ...(watch === undefined ? {} : { onSpawn: (pid: number) => watch(task.id, task.tryId, pid) }),
    };
    this.bash.run(attempt.payload, options).then(
      (value) => this.bashDone(attempt, () => attempt.resolve(value)),
      (error: unknown) => this.bashDone(attempt, () => attempt.reject(error)),
    );
  }

  private bashDone(attempt: BashAttempt, settle: () => void): void {
    if (!this.runningBash.delete(attempt)) return; // already rejected by shutdown({ abort: true })
    this.finish();
    settle();
    this.pump();
  }

  private finish(): void {
    this.inFlight -= 1;
    if (this.inFlight === 0) for (const done of this.drainWaiters.splice(0)) done();
  }

  private abort(attempt: Attempt, reason: (task: ExecutorTask) => string): void {
    if (attempt.kind === 'function' && attempt.timer !== undefined) clearTimeout(attempt.timer);
    this.finish();
    attempt.reject(new ExecutorError(this.label, reason(attempt.task)));
  }

  /** Fails every queued attempt; later submits try starting threads afresh. */
  private failEverything(reason: string): void {
    this.bootFailures = 0;
    const why = (task: ExecutorTask): string => `${reason} (task ${task.id}, app ${task.appName})`;
    for (const attempt of this.queue.drain()) this.abort(attempt, why);
  }
}
