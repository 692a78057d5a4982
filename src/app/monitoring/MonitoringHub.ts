import type { KernelEventRecorder } from '../../ports/KernelEventSink.js';
import type { Logger } from '../../ports/Logger.js';
import type { MonitoringStore } from '../../ports/MonitoringStore.js';
import type { ResourceSampler } from '../../ports/ResourceSampler.js';
import type { MonitoringInput } from './MonitoringInput.js';
import { ProcessWatchers } from './ProcessWatchers.js';
import { batchSize, type Dropped, RowBuffer } from './RowBuffer.js';
import { RowCollector, type WorkflowIdentity } from './RowCollector.js';
import { TaskEventLog } from './TaskEventLog.js';
import { forEachTaskEvent, type TaskEventColumns } from './taskEventColumns.js';

/** Tuning of the hub's batching and buffering. */
export interface MonitoringHubOptions extends WorkflowIdentity {
  /** Rows per write. @default 5000 */
  readonly batchSize?: number;
  /**
   * Rows and task-state events waiting beyond which a write starts at once (checked every 512
   * task-state events); below it, writes wait for the flush interval, so a burst of tasks runs
   * without database work. @default 100_000
   */
  readonly maxWaitingRows?: number;
  /** Rows are written this often (sooner past maxWaitingRows). @default 1000 */
  readonly flushIntervalMs?: number;
  /** History rows (status/block/node/resource) kept while the store is down. @default 1_000_000 */
  readonly bufferCapacity?: number;
  /** How long close() keeps retrying a store that is down. @default 10_000 */
  readonly closeTimeoutMs?: number;
  /** Resource sampling period for watched processes, ms. @default 30_000 */
  readonly resourceIntervalMs?: number;
  /** Sampler for watchProcess(); without one, watchProcess() does nothing. */
  readonly sampler?: ResourceSampler;
}

/** Counters of what the hub did. */
export interface MonitoringStats {
  readonly received: number;
  readonly written: number;
  readonly buffered: number;
  readonly dropped: number;
  readonly failedWrites: number;
}

/** The hub's timing and sizes with their defaults (MonitoringHub and MonitoringHubThread). */
export const hubSettings = (options: MonitoringHubOptions) => {
  const batchRows = options.batchSize ?? 5000;
  return {
    batchRows,
    maxWaiting: Math.max(batchRows, options.maxWaitingRows ?? 100_000),
    intervalMs: options.flushIntervalMs ?? 1000,
    resourceIntervalMs: options.resourceIntervalMs ?? 30_000,
  };
};

/**
 * Records monitoring inputs into a store in batches, one write at a time. When the store fails,
 * rows stay in a bounded buffer (see {@link RowBuffer} for what overflow drops) and the write is
 * retried every flush interval until it succeeds; a warning is logged when the store goes down,
 * when rows are dropped, and when it has caught up.
 * Parsl: parsl.monitoring.MonitoringHub + db_manager.DatabaseManager
 */
export class MonitoringHub {
  private readonly buffer: RowBuffer;
  private readonly collector: RowCollector;
  /** Task-state events not yet turned into rows (the hot path only appends here). */
  private readonly log = new TaskEventLog({
    onChunk: () => this.flushIfMany(),
    onEvent: (event) => this.accept(event),
  });
  private readonly collect = (e: MonitoringInput): void => this.collector.accept(e);
  private readonly batchRows: number;
  private readonly maxWaiting: number;
  private readonly intervalMs: number;
  private readonly timer: NodeJS.Timeout;
  private readonly watchers: ProcessWatchers;
  private inFlight: Promise<void> | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private down = false;
  private closed = false;
  private droppedInOutage = 0;
  private stats = { received: 0, written: 0, dropped: 0, failedWrites: 0 };

  public constructor(
    private readonly store: MonitoringStore,
    private readonly options: MonitoringHubOptions,
    private readonly logger: Logger,
  ) {
    this.buffer = new RowBuffer(options.bufferCapacity ?? 1_000_000);
    this.collector = new RowCollector(this.buffer, options);
    const settings = hubSettings(options);
    this.batchRows = settings.batchRows;
    this.maxWaiting = settings.maxWaiting;
    this.intervalMs = settings.intervalMs;
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
    this.watchers = new ProcessWatchers(options.sampler, settings.resourceIntervalMs, (s) =>
      this.accept(s),
    );
  }

  /** Records one input; cheap and synchronous (the write happens later). */
  public accept(input: MonitoringInput): void {
    if (this.closed) return;
    if (input.type === 'task-state') {
      this.log.push(input);
      return;
    }
    this.stats.received += 1;
    this.rows();
    this.collector.accept(input);
    this.flushIfMany();
  }

  /**
   * Records a batch handed over from another thread (MonitoringHubThread): the task-state events
   * of `columns` go straight to the rows, and each of `others` after the number of events it
   * came after (`[position, input]`), so the order is the one the inputs were taken in.
   */
  public acceptBatch(
    columns: TaskEventColumns | undefined,
    others: readonly (readonly [number, MonitoringInput])[],
  ): void {
    if (this.closed) return;
    this.rows();
    let o = 0;
    const upTo = (i: number): void => {
      for (; o < others.length && (others[o]?.[0] ?? 0) <= i; o += 1)
        this.collector.accept(others[o]?.[1] as MonitoringInput);
    };
    if (columns !== undefined) {
      forEachTaskEvent(columns, (event, i) => {
        upTo(i);
        this.collector.accept(event);
      });
    }
    upTo(Number.POSITIVE_INFINITY);
    this.stats.received += (columns?.count ?? 0) + others.length;
    this.flushIfMany();
  }

  /**
   * The kernel's cheapest path into the hub (`kernel.addEventRecorder(hub.recorder)`): task-state
   * changes go straight into the event log; other events to `accept`. Remove it before `close()`.
   */
  public get recorder(): KernelEventRecorder {
    return this.log;
  }

  public getStats(): MonitoringStats {
    this.rows();
    return { ...this.stats, buffered: this.buffer.size };
  }

  /**
   * Samples `pid` now and every resource interval as try `tryId` of task `taskId`, until the
   * returned function is called or the process is gone.
   */
  public watchProcess(taskId: number, tryId: number, pid: number): () => void {
    return this.closed ? () => undefined : this.watchers.watch(taskId, tryId, pid);
  }

  /** Writes what is waiting (one write at a time; concurrent calls share it). */
  public flush(): Promise<void> {
    this.inFlight ??= this.drain().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /**
   * Stops taking inputs and writes everything left, retrying a down store for up to
   * closeTimeoutMs; rows still unwritten then are reported as lost. Closes the store.
   */
  public async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.watchers.stopAll();
    const deadline = Date.now() + (this.options.closeTimeoutMs ?? 10_000);
    await this.flush();
    this.rows();
    while (this.buffer.size > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, Math.min(this.intervalMs, 200)));
      await this.flush();
    }
    if (this.buffer.size > 0) {
      this.stats.dropped += this.buffer.size;
      this.logger.error(
        `MonitoringHub.close: ${this.buffer.size} monitoring rows not written to ${this.store.location} (the store stayed down for closeTimeoutMs). The run's record is incomplete.`,
      );
    }
    await this.store.close();
  }

  /** Turns the logged task-state events into rows, in the order they came. */
  private rows(): void {
    this.stats.received += this.log.length;
    this.log.drain(this.collect);
  }

  private flushIfMany(): void {
    if (
      this.immediate === undefined &&
      !this.down &&
      this.log.length + this.buffer.size >= this.maxWaiting
    ) {
      this.immediate = setImmediate(() => {
        this.immediate = undefined;
        void this.flush();
      });
    }
  }

  private async drain(): Promise<void> {
    for (;;) {
      this.rows();
      if (this.buffer.size === 0) return;
      const batch = this.buffer.take(this.batchRows);
      try {
        await this.store.write(batch);
        this.stats.written += batchSize(batch);
        if (this.down) this.recovered();
      } catch (error: unknown) {
        this.stats.failedWrites += 1;
        this.buffer.restore(batch);
        this.noteDropped(this.buffer.enforceCapacity());
        if (!this.down) {
          this.down = true;
          this.logger.warn(
            `MonitoringHub: cannot write to ${this.store.location} (${error instanceof Error ? error.message : String(error)}); keeping up to ${this.options.bufferCapacity ?? 1_000_000} history rows and retrying every ${this.intervalMs} ms`,
          );
        }
        return;
      }
    }
  }

  private recovered(): void {
    this.down = false;
    const lost = this.droppedInOutage;
    this.droppedInOutage = 0;
    this.logger.warn(
      `MonitoringHub: ${this.store.location} is writable again; caught up${lost > 0 ? ` (${lost} history rows were dropped while it was down)` : ''}`,
    );
  }

  private noteDropped(d: Dropped): void {
    const n = d.resources + d.statuses + d.blocks + d.nodes;
    if (n === 0) return;
    if (this.droppedInOutage === 0) {
      this.logger.warn(
        `MonitoringHub: buffer full (${this.options.bufferCapacity ?? 1_000_000} history rows) while ${this.store.location} is down; dropping the oldest resource samples, then the oldest status rows (task, try and workflow rows are kept)`,
      );
    }
    this.droppedInOutage += n;
    this.stats.dropped += n;
  }
}
