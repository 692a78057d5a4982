import { ConfigurationError } from '../../domain/errors/ConfigurationError.js';
import { KernelClosedError } from '../../domain/errors/KernelErrors.js';
import { parseWalltime } from '../../domain/job/parseWalltime.js';
import {
  compileIgnore,
  type IgnoreSpec,
  inMemoryKey,
  memoKeyText,
  storedKey,
} from '../../domain/memoization/memoKey.js';
import type { CheckpointStore } from '../../ports/CheckpointStore.js';
import type { Clock } from '../../ports/Clock.js';
import type { IdForMemo } from '../../ports/IdForMemo.js';
import type { Logger } from '../../ports/Logger.js';
import { CheckpointWriter } from './CheckpointWriter.js';

export { appIdentity } from '../../domain/memoization/memoKey.js';

/** What the kernel knows about a task when it is ready to launch (all futures resolved). */
export interface MemoTask {
  readonly id: number;
  readonly appName: string;
  /** `appIdentity(name, fn)`, computed once per app. */
  readonly appIdentity: string;
  /** The app's `cache` option. */
  readonly cache: boolean;
  /** Resolved positional args; may contain a Special instance. */
  readonly args: readonly unknown[];
  /** Positional indices and/or Special field names left out of the key. */
  readonly ignoreForCache: readonly (number | string)[];
}

/** Outcome of {@link Memoizer.lookup}. */
export type MemoLookup =
  | { readonly kind: 'off' }
  | { readonly kind: 'hit'; readonly key: string; readonly value: unknown }
  | { readonly kind: 'miss'; readonly key: string }
  | { readonly kind: 'shared'; readonly key: string; readonly result: Promise<unknown> };

/** When checkpoints are written. Parsl: checkpoint_mode */
export type MemoCheckpointMode = 'task_exit' | 'periodic' | 'dfk_exit' | 'manual';

/** Memoizer settings, taken from ParslConfig. */
export interface MemoizerOptions {
  /** Global switch; off turns every app's cache off. @default true */
  readonly appCache: boolean;
  /** @default undefined: checkpoints only when `checkpoint()` is called (same as 'manual') */
  readonly checkpointMode?: MemoCheckpointMode;
  /** "HH:MM:SS"; required with 'periodic'. */
  readonly checkpointPeriod?: string;
  /** Checkpoint directories (or run directories, or files) loaded by `start()`. @default [] */
  readonly checkpointFiles: readonly string[];
  /** This run's directory; checkpoints go below it. */
  readonly runDir: string;
  /** Identical calls already running share one execution (beyond Parsl). @default false */
  readonly dedupeInFlight: boolean;
}

/** Runs a callback every `ms`; returns a function that stops it. */
export type EveryFn = (ms: number, callback: () => void) => () => void;

const realEvery: EveryFn = (ms, callback) => {
  const timer = setInterval(callback, ms);
  timer.unref();
  return () => clearInterval(timer);
};

interface Entry {
  readonly value: unknown;
  readonly at: number;
}

/** A running call other identical calls wait on; the promise exists only once someone waits. */
interface Running {
  /** The task running it: only its outcome releases the sharers. */
  readonly owner: number;
  waiters?: {
    promise: Promise<unknown>;
    resolve: (v: unknown) => void;
    reject: (e: unknown) => void;
  };
}

const OFF: MemoLookup = { kind: 'off' };

/**
 * App caching and checkpointing. The kernel calls `lookup` when a task is ready to launch and
 * `recordSuccess` / `recordFailure` once its outcome is final (after retries). Only successes are
 * stored: a failure may be transient (lost worker, walltime), and Parsl 0.9 caches none (#368).
 * Checkpoints are incremental; with 'task_exit' they are group-committed: records finishing while a
 * write is in progress go into the next write, so a task's future completes before its record is
 * durable, and a crash loses at most the records of the last commit window (those tasks run again).
 * Lifecycle: built by the composition root; the kernel calls `start()` before the first task and
 * `close()` at cleanup.
 * Parsl: parsl.dataflow.memoization.Memoizer
 */
export class Memoizer {
  /** This run's results (and loaded ones already looked up), by in-memory key (`inMemoryKey`). */
  private readonly table = new Map<string, Entry>();
  /** Loaded checkpoint records by stored key (sha256); consulted only when `table` misses. */
  private readonly loaded = new Map<string, Entry>();
  private readonly running = new Map<string, Running>();
  private readonly ignoreSpecs = new WeakMap<readonly (number | string)[], IgnoreSpec>();
  private readonly writer: CheckpointWriter;
  private stopTimer: (() => void) | undefined;
  private readonly periodMs: number | undefined;
  private closed = false;
  private readonly counts = { hits: 0, misses: 0, shared: 0, loaded: 0 };

  public constructor(
    private readonly options: MemoizerOptions,
    private readonly store: CheckpointStore,
    private readonly keyFunctions: readonly IdForMemo[],
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly every: EveryFn = realEvery,
  ) {
    this.writer = new CheckpointWriter(store, logger);
    this.periodMs =
      options.checkpointMode === 'periodic' ? periodOf(options.checkpointPeriod) : undefined;
  }

  /** Counters for logs, monitoring and benchmarks. */
  public get stats(): Readonly<
    Record<'hits' | 'misses' | 'shared' | 'loaded' | 'checkpointed' | 'skipped', number>
  > {
    return { ...this.counts, ...this.writer.counts };
  }

  /**
   * Loads `checkpointFiles` into the table (newest record per key wins) and starts the periodic timer.
   * @throws {BadCheckpoint} when any checkpoint is missing, truncated or corrupt; nothing is loaded
   */
  public async start(): Promise<void> {
    const { appCache, checkpointFiles, checkpointMode } = this.options;
    if (!appCache && (checkpointFiles.length > 0 || checkpointMode !== undefined)) {
      this.logger.warn(
        'Memoizer.start: appCache is false, so checkpointFiles are not loaded and nothing is checkpointed',
      );
    }
    if (appCache && checkpointFiles.length > 0) {
      const records = await this.store.load(checkpointFiles);
      for (const r of records) {
        const key = storedKey(r.key);
        const current = this.loaded.get(key);
        if (current === undefined || r.completedAt >= current.at)
          this.loaded.set(key, { value: r.value, at: r.completedAt });
      }
      this.counts.loaded = records.length;
      this.logger.info(
        `Memoizer.start: using ${this.loaded.size} checkpointed results (${records.length} records) from ${checkpointFiles.join(', ')}`,
      );
    }
    if (this.periodMs !== undefined) {
      this.stopTimer = this.every(this.periodMs, () => {
        this.checkpoint().catch((error: unknown) => this.writer.logWriteError(error));
      });
    }
  }

  /**
   * Looks the task up; synchronous and allocation-light (it is on every launch). The key is the
   * call's canonical text (its sha256 when long): no hashing unless checkpoints were loaded.
   * @throws {UnhashableArgumentError} for an argument no rule can key
   * @throws {ConfigurationError} for a bad ignoreForCache entry
   */
  public lookup(task: MemoTask): MemoLookup {
    if (!task.cache || !this.options.appCache) return OFF;
    const key = inMemoryKey(
      memoKeyText({
        appName: task.appName,
        taskId: task.id,
        appIdentity: task.appIdentity,
        args: task.args,
        ignore: this.ignoreSpecOf(task),
        keyFunctions: this.keyFunctions,
      }),
    );
    const entry = this.table.get(key) ?? this.fromLoaded(key);
    if (entry !== undefined) {
      this.counts.hits++;
      if (this.logger.debugEnabled)
        this.logger.debug(`Memoizer: task ${task.id} (${task.appName}) uses a cached result`);
      return { kind: 'hit', key, value: entry.value };
    }
    if (this.options.dedupeInFlight) {
      const running = this.running.get(key);
      if (running !== undefined) {
        this.counts.shared++;
        return { kind: 'shared', key, result: waitOn(running) };
      }
      this.running.set(key, { owner: task.id });
    }
    this.counts.misses++;
    return { kind: 'miss', key };
  }

  /**
   * Stores a final success (after retries); with 'task_exit' it is checkpointed at once (group
   * commit). Safe to call for a task that got its value from a hit or a shared run: the value is
   * already stored, so nothing is added, and only the task running a call releases its sharers.
   */
  public recordSuccess(key: string, task: MemoTask, value: unknown): void {
    const existing = this.table.get(key);
    const waiters = this.release(key, task.id);
    if (existing !== undefined && Object.is(existing.value, value)) {
      waiters?.resolve(value);
      return;
    }
    const completedAt = this.clock.now();
    this.table.set(key, { value, at: completedAt });
    waiters?.resolve(value);
    this.writer.add(key, task.appName, task.id, completedAt, value);
    if (this.options.checkpointMode === 'task_exit' && !this.closed) this.writer.commitSoon();
  }

  /** A final failure: not stored (see the class doc), but tasks sharing this execution fail with it. */
  public recordFailure(key: string, task: MemoTask, error: unknown): void {
    this.release(key, task.id)?.reject(error);
  }

  /**
   * Writes every success not yet checkpointed as one new checkpoint and waits until it is durable.
   * @returns the checkpoint directory (`<runDir>/checkpoint`)
   * @throws {CheckpointWriteError} the records stay queued for the next checkpoint
   */
  public async checkpoint(): Promise<string> {
    await this.writer.flush();
    return this.writer.directory;
  }

  /** Resolves once the background 'task_exit' writer has written everything recorded so far. */
  public async whenCheckpointed(): Promise<void> {
    await this.writer.idle();
  }

  /** Writes the last checkpoint (any mode but 'manual'), stops the timer, fails remaining sharers. */
  public async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopTimer?.();
    try {
      const mode = this.options.checkpointMode;
      if (mode !== undefined && mode !== 'manual') await this.checkpoint();
      else await this.whenCheckpointed();
    } finally {
      for (const key of [...this.running.keys()])
        this.release(key)?.reject(
          new KernelClosedError('closed while an identical call was running'),
        );
      await this.store.close();
    }
  }

  /** A loaded record of `key`, moved into `table` so the next lookup needs no sha256. */
  private fromLoaded(key: string): Entry | undefined {
    if (this.loaded.size === 0) return undefined;
    const stored = storedKey(key);
    const entry = this.loaded.get(stored);
    if (entry !== undefined) {
      this.loaded.delete(stored);
      this.table.set(key, entry);
    }
    return entry;
  }

  private ignoreSpecOf(task: MemoTask): IgnoreSpec {
    let spec = this.ignoreSpecs.get(task.ignoreForCache);
    if (spec === undefined) {
      spec = compileIgnore(task.appName, task.ignoreForCache);
      this.ignoreSpecs.set(task.ignoreForCache, spec);
    }
    return spec;
  }

  /** Ends the running entry of `key` if `owner` runs it (any owner when undefined). */
  private release(key: string, owner?: number): Running['waiters'] {
    const running = this.running.get(key);
    if (running === undefined || (owner !== undefined && running.owner !== owner)) return undefined;
    this.running.delete(key);
    return running.waiters;
  }
}

const waitOn = (running: Running): Promise<unknown> => {
  if (running.waiters === undefined) {
    const waiters: Partial<NonNullable<Running['waiters']>> = {};
    const promise = new Promise<unknown>((resolve, reject) => {
      waiters.resolve = resolve;
      waiters.reject = reject;
    });
    running.waiters = { promise, resolve: waiters.resolve ?? noop, reject: waiters.reject ?? noop };
  }
  return running.waiters.promise;
};

const noop = (): void => undefined;

const periodOf = (period: string | undefined): number => {
  const hint = 'Set checkpointPeriod to a duration like "00:30:00" (HH:MM:SS), at least one second';
  if (period === undefined)
    throw ConfigurationError.single(
      'checkpointPeriod',
      `checkpointMode "periodic" needs checkpointPeriod. ${hint}`,
    );
  let seconds: number;
  try {
    seconds = parseWalltime(period);
  } catch (error: unknown) {
    throw ConfigurationError.single(
      'checkpointPeriod',
      `${error instanceof Error ? error.message : String(error)}. ${hint}`,
    );
  }
  if (seconds < 1)
    throw ConfigurationError.single('checkpointPeriod', `"${period}" is zero. ${hint}`);
  return seconds * 1000;
};
