import type {
  BlockRow,
  MonitoringBatch,
  NodeRow,
  ResourceRow,
  StatusRow,
  TaskRow,
  TryRow,
  WorkflowRow,
} from '../../ports/MonitoringStore.js';

/** Rows dropped by one call of {@link RowBuffer.enforceCapacity}. */
export interface Dropped {
  readonly resources: number;
  readonly statuses: number;
  readonly blocks: number;
  readonly nodes: number;
}

const count = (b: MonitoringBatch): number =>
  b.workflows.length +
  b.tasks.length +
  b.tries.length +
  b.statuses.length +
  b.blocks.length +
  b.nodes.length +
  b.resources.length;

/** Number of rows in a batch. */
export const batchSize = count;

/** A current-state row that its owner keeps mutating; `queued` says it waits in the buffer. */
export type LiveRow<TRow> = { -readonly [K in keyof TRow]: TRow[K] } & { queued: boolean };

const taskSnapshot = (r: TaskRow): TaskRow => ({
  runId: r.runId,
  taskId: r.taskId,
  appName: r.appName,
  executor: r.executor,
  dependsOn: r.dependsOn,
  taskStatus: r.taskStatus,
  timeInvoked: r.timeInvoked,
  timeReturned: r.timeReturned,
  failCount: r.failCount,
});

const trySnapshot = (r: TryRow): TryRow => ({
  runId: r.runId,
  taskId: r.taskId,
  tryId: r.tryId,
  executor: r.executor,
  blockId: r.blockId,
  hostname: r.hostname,
  timeLaunched: r.timeLaunched,
  timeRunning: r.timeRunning,
  timeReturned: r.timeReturned,
  failMessage: r.failMessage,
});

/**
 * Live rows queued at most once each (a flag, not a Map lookup, on the hot path), plus snapshots
 * of rows whose write failed. Taking a live row drops an older restored snapshot of the same key.
 */
class CurrentRows<TRow> {
  private live: LiveRow<TRow>[] = [];
  private restored = new Map<string, TRow>();

  public constructor(
    private readonly key: (row: TRow) => string,
    private readonly snapshot: (row: TRow) => TRow,
  ) {}

  public get size(): number {
    return this.live.length + this.restored.size;
  }

  public put(row: LiveRow<TRow>): void {
    if (!row.queued) {
      row.queued = true;
      this.live.push(row);
    }
  }

  public take(room: number): TRow[] {
    const out: TRow[] = [];
    const taken = this.live.splice(0, Math.max(0, room));
    for (const row of taken) {
      row.queued = false;
      if (this.restored.size > 0) this.restored.delete(this.key(row));
      out.push(this.snapshot(row));
    }
    for (const [key, row] of this.restored) {
      if (out.length >= room) break;
      out.push(row);
      this.restored.delete(key);
    }
    return out;
  }

  /** Rows of a failed write: newer than any snapshot restored before them. */
  public restore(rows: readonly TRow[]): void {
    for (const row of rows) this.restored.set(this.key(row), row);
  }
}

/**
 * Rows waiting to be written. Current-state rows (workflow, task, try) are kept one per key, the
 * newest state being what is written, and are never dropped. History rows (status, block, node,
 * resource) are appended and bounded by `capacity`: on overflow the oldest resource samples go
 * first, then the oldest status rows, then block and node rows.
 */
export class RowBuffer {
  private workflows = new Map<string, WorkflowRow>();
  private readonly tasks = new CurrentRows<TaskRow>((r) => `${r.runId}/${r.taskId}`, taskSnapshot);
  private readonly tries = new CurrentRows<TryRow>(
    (r) => `${r.runId}/${r.taskId}/${r.tryId}`,
    trySnapshot,
  );
  private statuses: StatusRow[] = [];
  private blocks: BlockRow[] = [];
  private nodes: NodeRow[] = [];
  private resources: ResourceRow[] = [];

  public constructor(private readonly capacity: number) {}

  public get size(): number {
    return this.workflows.size + this.tasks.size + this.tries.size + this.historySize;
  }

  public get historySize(): number {
    return this.statuses.length + this.blocks.length + this.nodes.length + this.resources.length;
  }

  /** The workflow row may be live (it is copied when taken). */
  public putWorkflow(row: WorkflowRow): void {
    this.workflows.set(row.runId, row);
  }

  /** Queues a live task row; its state when taken is what gets written. */
  public putTask(row: LiveRow<TaskRow>): void {
    this.tasks.put(row);
  }

  public putTry(row: LiveRow<TryRow>): void {
    this.tries.put(row);
  }

  public addStatus(row: StatusRow): void {
    this.statuses.push(row);
  }

  public addBlock(row: BlockRow): void {
    this.blocks.push(row);
  }

  public addNode(row: NodeRow): void {
    this.nodes.push(row);
  }

  public addResource(row: ResourceRow): void {
    this.resources.push(row);
  }

  /** Removes and returns up to about `limit` rows, current-state rows first. */
  public take(limit: number): MonitoringBatch {
    let room = Math.max(1, limit);
    const takeList = <TRow>(list: TRow[]): TRow[] => {
      const out = list.splice(0, Math.max(0, room));
      room -= out.length;
      return out;
    };
    const workflows = [...this.workflows.values()].map((w) => ({ ...w }));
    this.workflows.clear();
    const tasks = this.tasks.take(room);
    room -= tasks.length;
    const tries = this.tries.take(room);
    room -= tries.length;
    return {
      workflows,
      tasks,
      tries,
      statuses: takeList(this.statuses),
      blocks: takeList(this.blocks),
      nodes: takeList(this.nodes),
      resources: takeList(this.resources),
    };
  }

  /** Puts back a batch that could not be written; newer current-state rows win. */
  public restore(batch: MonitoringBatch): void {
    for (const row of batch.workflows) {
      if (!this.workflows.has(row.runId)) this.workflows.set(row.runId, row);
    }
    this.tasks.restore(batch.tasks);
    this.tries.restore(batch.tries);
    this.statuses = [...batch.statuses, ...this.statuses];
    this.blocks = [...batch.blocks, ...this.blocks];
    this.nodes = [...batch.nodes, ...this.nodes];
    this.resources = [...batch.resources, ...this.resources];
  }

  /** Drops the oldest history rows beyond capacity (see the class comment for the order). */
  public enforceCapacity(): Dropped {
    let excess = this.historySize - this.capacity;
    const drop = <TRow>(list: TRow[]): number => {
      const n = Math.min(list.length, Math.max(0, excess));
      list.splice(0, n);
      excess -= n;
      return n;
    };
    return {
      resources: drop(this.resources),
      statuses: drop(this.statuses),
      blocks: drop(this.blocks),
      nodes: drop(this.nodes),
    };
  }
}
