import { Worker } from 'node:worker_threads';
import { MonitoringError } from '../../domain/errors/MonitoringErrors.js';
import type {
  AppSummary,
  BlockRow,
  MonitoringBatch,
  MonitoringStore,
  Page,
  PageRequest,
  ResourceBucket,
  RowCounts,
  StatusRow,
  TaskRow,
  TryRow,
  WorkflowSummary,
} from '../../ports/MonitoringStore.js';
import type { TypeOrmMonitoringStoreOptions } from './TypeOrmMonitoringStore.js';
import { describeLocation, parseDatabaseUrl } from './typeorm/parseDatabaseUrl.js';
import type { StoreMethod, StoreReply } from './worker/storeProtocol.js';
import { storeWorkerEntry } from './worker/storeWorkerEntry.js';

/** Options of {@link WorkerMonitoringStore}: those of the TypeORM store it runs. */
export type WorkerMonitoringStoreOptions = TypeOrmMonitoringStoreOptions;

/**
 * A TypeOrmMonitoringStore running in its own worker thread, so that SQL building, SQLite's
 * synchronous writes and driver work never block the kernel's event loop (Parsl runs its database
 * manager in a separate process for the same reason). Calls are answered in order.
 * Parsl: parsl.monitoring.db_manager (DatabaseManager process)
 */
export class WorkerMonitoringStore implements MonitoringStore {
  public readonly location: string;
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();

  public constructor(private readonly options: WorkerMonitoringStoreOptions) {
    this.location = describeLocation(parseDatabaseUrl(options.url));
  }

  public async open(): Promise<void> {
    if (this.worker === undefined) {
      const entry = storeWorkerEntry();
      const worker = new Worker(entry.filename, {
        eval: entry.eval,
        workerData: { ...this.options, baseDir: this.options.baseDir ?? process.cwd() },
      });
      worker.on('message', (reply: StoreReply) => this.settle(reply));
      worker.on('error', (error: Error) => this.failAll(error));
      worker.on('exit', (code) => {
        this.worker = undefined;
        this.failAll(new Error(`the store worker exited with code ${code}`));
      });
      worker.unref();
      this.worker = worker;
    }
    await this.call('open', []);
  }

  /**
   * Sends task, try and status rows as one JSON string: far cheaper to hand over than thousands of
   * row objects. Batches with resource or node rows (whose numbers may be NaN, which JSON would turn
   * into null) are structured-cloned as before.
   */
  public write(batch: MonitoringBatch): Promise<void> {
    const plain = batch.resources.length === 0 && batch.nodes.length === 0;
    return this.call('write', [plain ? JSON.stringify(batch) : batch]);
  }

  public listWorkflows(): Promise<WorkflowSummary[]> {
    return this.call('listWorkflows', []);
  }

  public getWorkflow(runId: string): Promise<WorkflowSummary | undefined> {
    return this.call('getWorkflow', [runId]);
  }

  public appSummary(runId: string): Promise<AppSummary[]> {
    return this.call('appSummary', [runId]);
  }

  public appNames(runId: string): Promise<string[]> {
    return this.call('appNames', [runId]);
  }

  public stateCounts(runId: string): Promise<Record<string, number>> {
    return this.call('stateCounts', [runId]);
  }

  public getTask(runId: string, taskId: number): Promise<TaskRow | undefined> {
    return this.call('getTask', [runId, taskId]);
  }

  public listTasks(runId: string, page: PageRequest): Promise<Page<TaskRow>> {
    return this.call('listTasks', [runId, page]);
  }

  public listTries(runId: string, page: PageRequest): Promise<Page<TryRow>> {
    return this.call('listTries', [runId, page]);
  }

  public taskHistory(runId: string, taskId: number): Promise<StatusRow[]> {
    return this.call('taskHistory', [runId, taskId]);
  }

  public listBlocks(runId: string): Promise<BlockRow[]> {
    return this.call('listBlocks', [runId]);
  }

  public resourceUsage(runId: string, buckets: number): Promise<ResourceBucket[]> {
    return this.call('resourceUsage', [runId, buckets]);
  }

  public rowCounts(runId: string): Promise<RowCounts> {
    return this.call('rowCounts', [runId]);
  }

  public async close(): Promise<void> {
    const worker = this.worker;
    if (worker === undefined) return;
    try {
      await this.call('close', []);
    } finally {
      this.worker = undefined;
      await worker.terminate();
    }
  }

  private call<TResult>(method: StoreMethod, args: readonly unknown[]): Promise<TResult> {
    const worker = this.worker;
    if (worker === undefined) {
      return Promise.reject(
        new MonitoringError(
          `WorkerMonitoringStore.${method}: the store is not open (${this.location}). Call open() first.`,
        ),
      );
    }
    const id = this.nextId++;
    return new Promise<TResult>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.ref();
      worker.postMessage({ id, method, args });
    });
  }

  private settle(reply: StoreReply): void {
    const waiter = this.pending.get(reply.id);
    if (waiter === undefined) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (reply.ok) waiter.resolve(reply.value);
    else waiter.reject(new MonitoringError(reply.message));
  }

  private failAll(error: Error): void {
    for (const [id, waiter] of this.pending) {
      this.pending.delete(id);
      waiter.reject(
        new MonitoringError(`WorkerMonitoringStore: ${error.message} (${this.location})`, {
          cause: error,
        }),
      );
    }
  }
}
