import { storedKey } from '../../domain/memoization/memoKey.js';
import type { CheckpointStore } from '../../ports/CheckpointStore.js';
import type { Logger } from '../../ports/Logger.js';

/** A queued record; `key` is the in-memory key until its batch turns it into the stored key. */
interface Pending {
  key: string;
  readonly appName: string;
  readonly taskId: number;
  readonly completedAt: number;
  readonly value: unknown;
}

/**
 * Queues memoized successes and writes them to the CheckpointStore, each write one incremental
 * checkpoint. `commitSoon` is the group commit used by 'task_exit': one background writer drains
 * the queue; records added while a write is in progress go into the next write, so a burst of
 * completions costs a few fsyncs, not one each. A failed write puts its records back in the queue.
 * `add` only queues (it is on every task's completion); the stored keys (sha256) are computed
 * per batch, just before the write.
 * Lifecycle: owned by the Memoizer.
 */
export class CheckpointWriter {
  private pending: Pending[] = [];
  private background: Promise<void> | undefined;
  /** Records written, and records left out because their value cannot be stored. */
  public readonly counts = { checkpointed: 0, skipped: 0 };

  public constructor(
    private readonly store: CheckpointStore,
    private readonly logger: Logger,
  ) {}

  public get directory(): string {
    return this.store.directory;
  }

  /** Queues a success under its in-memory key (see `inMemoryKey`). */
  public add(
    key: string,
    appName: string,
    taskId: number,
    completedAt: number,
    value: unknown,
  ): void {
    this.pending.push({ key, appName, taskId, completedAt, value });
  }

  /** Starts the background writer unless it runs already (it picks up new records itself). */
  public commitSoon(): void {
    if (this.background !== undefined) return;
    this.background = (async () => {
      // Let every task finishing in this turn of the event loop join the first batch.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.pending.length > 0) await this.writeBatch(this.pending.splice(0));
    })()
      .catch((error: unknown) => this.logWriteError(error))
      .finally(() => {
        this.background = undefined;
      });
  }

  /**
   * Writes everything queued as one checkpoint and waits for the background writer too.
   * @throws {CheckpointWriteError} the records stay queued
   */
  public async flush(): Promise<void> {
    await this.writeBatch(this.pending.splice(0));
    await this.idle();
  }

  /** Resolves once the background writer has nothing left to do. */
  public async idle(): Promise<void> {
    while (this.background !== undefined) await this.background;
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    if (batch.length === 0) return;
    for (const r of batch) r.key = storedKey(r.key);
    try {
      const result = await this.store.write(batch);
      this.counts.checkpointed += result.written;
      this.counts.skipped += result.skipped.length;
      for (const s of result.skipped) {
        this.logger.warn(
          `Memoizer.checkpoint: result of task ${s.taskId} (app ${s.appName}) cannot be checkpointed: ${s.reason}. It stays cached for this run only.`,
        );
      }
    } catch (error: unknown) {
      this.pending.unshift(...batch);
      throw error;
    }
  }

  /** Logs a failed background write. */
  public logWriteError(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.error(
      `Memoizer.checkpoint: ${reason} (${this.pending.length} results wait for the next checkpoint)`,
    );
  }
}
