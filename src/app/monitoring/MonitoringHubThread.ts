import { Worker } from 'node:worker_threads';
import type { TypeOrmMonitoringStoreOptions } from '../../adapters/monitoring/TypeOrmMonitoringStore.js';
import {
  describeLocation,
  parseDatabaseUrl,
} from '../../adapters/monitoring/typeorm/parseDatabaseUrl.js';
import { workerThreadEntry } from '../../adapters/system/typeScriptSourceLoader.js';
import { MonitoringError } from '../../domain/errors/MonitoringErrors.js';
import type { KernelEventRecorder } from '../../ports/KernelEventSink.js';
import type { Logger } from '../../ports/Logger.js';
import { hubSettings, type MonitoringHubOptions, type MonitoringStats } from './MonitoringHub.js';
import type { MonitoringInput } from './MonitoringInput.js';
import { ProcessWatchers } from './ProcessWatchers.js';
import { TaskEventLog } from './TaskEventLog.js';
import { transferList } from './taskEventColumns.js';
import type {
  HubThreadData,
  HubThreadMessage,
  HubThreadRequest,
} from './thread/hubThreadProtocol.js';

/** Where a {@link MonitoringHubThread} writes: the options of the TypeORM store it opens. */
export type HubThreadDatabase = Omit<TypeOrmMonitoringStoreOptions, 'readonly'>;

const NONE: MonitoringStats = { received: 0, written: 0, buffered: 0, dropped: 0, failedWrites: 0 };

/**
 * A {@link MonitoringHub} in a worker thread of its own, with its store. The kernel's thread only
 * logs task-state changes into columns (TaskEventLog) and hands them over as transferred buffers
 * every flush interval, or when the event loop next turns past maxWaitingRows. The thread turns
 * them into rows and writes those on another core, at the lowest CPU priority. It behaves as the
 * hub does (batches, a bounded buffer while the store is down, warnings); its log lines go to the
 * parent's logger.
 * Parsl: the MonitoringHub and DatabaseManager processes
 */
export class MonitoringHubThread {
  private readonly log = new TaskEventLog({
    onChunk: () => this.sendIfMany(),
    onEvent: (event) => this.accept(event),
  });
  private others: [number, MonitoringInput][] = [];
  private readonly calls = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private readonly watchers: ProcessWatchers;
  private readonly timer: NodeJS.Timeout;
  private readonly maxWaiting: number;
  private nextId = 0;
  /** Inputs handed to the thread. */
  private posted = 0;
  private stats = NONE;
  private immediate: NodeJS.Immediate | undefined;
  private failure: Error | undefined;
  private closed = false;

  private constructor(
    public readonly location: string,
    private readonly worker: Worker,
    options: MonitoringHubOptions,
    private readonly logger: Logger,
  ) {
    const settings = hubSettings(options);
    this.maxWaiting = settings.maxWaiting;
    this.watchers = new ProcessWatchers(options.sampler, settings.resourceIntervalMs, (s) =>
      this.accept(s),
    );
    this.timer = setInterval(() => this.send(true), settings.intervalMs);
    this.timer.unref();
    worker.on('message', (message: HubThreadMessage) => this.receive(message));
    worker.on('error', (error: Error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the hub thread exited with code ${code}`)));
    worker.unref();
  }

  /**
   * Starts the thread and opens the database in it.
   * @throws {MonitoringError} when the database cannot be opened
   */
  public static async start(
    database: HubThreadDatabase,
    options: MonitoringHubOptions,
    logger: Logger,
  ): Promise<MonitoringHubThread> {
    const location = describeLocation(parseDatabaseUrl(database.url));
    const { sampler: _sampler, ...threadOptions } = options;
    const data: HubThreadData = {
      database: { ...database, baseDir: database.baseDir ?? process.cwd() },
      options: threadOptions,
    };
    const entry = workerThreadEntry(import.meta.url, 'thread/hubThreadMain', 'MonitoringHubThread');
    const worker = new Worker(entry.filename, { eval: entry.eval, workerData: data });
    const hub = new MonitoringHubThread(location, worker, options, logger);
    try {
      await hub.call('open');
    } catch (error: unknown) {
      hub.closed = true;
      clearInterval(hub.timer);
      await worker.terminate();
      throw new MonitoringError(
        `attachMonitoring: cannot open ${location}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    return hub;
  }

  /** Records one input; cheap and synchronous (rows are built and written in the thread). */
  public accept(input: MonitoringInput): void {
    if (this.closed) return;
    if (input.type === 'task-state') this.log.push(input);
    else {
      this.others.push([this.log.length, input]);
      this.sendIfMany();
    }
  }

  /** The kernel's cheapest path in (`kernel.addEventRecorder(hub.recorder)`). */
  public get recorder(): KernelEventRecorder {
    return this.log;
  }

  /** The thread's counters as last reported, with the inputs on their way to it. */
  public getStats(): MonitoringStats {
    const here = this.log.length + this.others.length;
    const onTheWay = this.posted - this.stats.received;
    return {
      ...this.stats,
      received: this.posted + here,
      buffered: this.stats.buffered + onTheWay + here,
    };
  }

  /** See MonitoringHub.watchProcess (processes are sampled on this thread). */
  public watchProcess(taskId: number, tryId: number, pid: number): () => void {
    return this.closed ? () => undefined : this.watchers.watch(taskId, tryId, pid);
  }

  /** Hands over what is waiting and settles once the thread has written it. */
  public async flush(): Promise<void> {
    this.send(false);
    await this.call('flush-now');
  }

  /**
   * Stops taking inputs, lets the thread write everything (see MonitoringHub.close) and ends it.
   * Does not throw: a thread that failed is reported in the log.
   */
  public async close(): Promise<void> {
    if (this.closed) return;
    this.send(false);
    this.closed = true;
    clearInterval(this.timer);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.watchers.stopAll();
    const failedBefore = this.failure !== undefined;
    try {
      await this.call('close');
    } catch (error: unknown) {
      if (!failedBefore) {
        this.logger.error(
          `MonitoringHubThread.close: ${error instanceof Error ? error.message : String(error)}; the run's record in ${this.location} may be incomplete`,
        );
      }
    } finally {
      await this.worker.terminate();
    }
  }

  /**
   * Past maxWaitingRows, hands over when the event loop next turns (as MonitoringHub starts its
   * write), not inside the kernel's call that logged the change.
   */
  private sendIfMany(): void {
    if (this.immediate !== undefined || this.log.length + this.others.length < this.maxWaiting)
      return;
    this.immediate = setImmediate(() => {
      this.immediate = undefined;
      this.send(true);
    });
  }

  /** Posts the waiting inputs to the thread (`flush`: and asks it to write them soon). */
  private send(flush: boolean): void {
    if (this.closed) return;
    const columns = this.log.takeColumns();
    const others = this.others;
    const n = (columns?.count ?? 0) + others.length;
    if (n === 0) return; // the thread's hub retries waiting rows on its own timer
    this.others = [];
    if (this.failure !== undefined) {
      this.stats = { ...this.stats, dropped: this.stats.dropped + n };
      return;
    }
    this.posted += n;
    const request: HubThreadRequest = { type: 'inputs', columns, others, flush };
    this.worker.postMessage(request, columns === undefined ? [] : transferList(columns));
  }

  private call(type: 'open' | 'flush-now' | 'close'): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.worker.ref();
      const request: HubThreadRequest = { type, id };
      this.worker.postMessage(request);
    });
  }

  private receive(message: HubThreadMessage): void {
    if (message.type === 'log') {
      this.logger[message.level](message.message);
      return;
    }
    if (message.stats !== undefined) this.stats = message.stats;
    if (message.type !== 'reply') return;
    const call = this.calls.get(message.id);
    this.calls.delete(message.id);
    if (this.calls.size === 0) this.worker.unref();
    if (message.ok) call?.resolve();
    else call?.reject(new MonitoringError(`MonitoringHubThread: ${message.message}`));
  }

  /** The thread is gone: what it had not written is lost; calls fail. */
  private fail(error: Error): void {
    if (this.failure !== undefined) return;
    const failure = new MonitoringError(
      `MonitoringHubThread: the hub thread for ${this.location} stopped (${error.message})`,
      { cause: error },
    );
    this.failure = failure;
    if (!this.closed) {
      const lost = this.getStats().buffered;
      this.logger.error(
        `${failure.message}; ${lost} monitoring inputs not written. The run's record is incomplete.`,
      );
    }
    for (const call of this.calls.values()) call.reject(failure);
    this.calls.clear();
  }
}
