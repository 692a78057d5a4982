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

/** One number per (task, try): numeric Map keys are much cheaper than strings on this hot path. */
export const tryKey = (taskId: number, tryId: number): number => taskId * 1_000_000 + tryId;

/** Number of rows in a batch. */
export const batchSize = count;

/**
 * Rows waiting to be written. Current-state rows (workflow, task, try) are kept one per key, the
 * newest replacing older ones, and are never dropped. History rows (status, block, node, resource)
 * are appended and bounded by `capacity`: on overflow the oldest resource samples go first, then
 * the oldest status rows, then block and node rows.
 */
export class RowBuffer {
  private workflows = new Map<string, WorkflowRow>();
  private tasks = new Map<number, TaskRow>();
  private tries = new Map<number, TryRow>();
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

  public putWorkflow(row: WorkflowRow): void {
    this.workflows.set(row.runId, row);
  }

  /**
   * The row may be a live object that its owner keeps mutating: it is copied when taken, so the
   * newest state is what gets written. A buffer serves one run (task rows are keyed by task id).
   */
  public putTask(row: TaskRow): void {
    this.tasks.set(row.taskId, row);
  }

  public putTry(row: TryRow): void {
    this.tries.set(tryKey(row.taskId, row.tryId), row);
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
    const takeMap = <TKey, TRow>(map: Map<TKey, TRow>): TRow[] => {
      const out: TRow[] = [];
      for (const [key, row] of map) {
        if (room <= 0) break;
        out.push({ ...row });
        map.delete(key);
        room -= 1;
      }
      return out;
    };
    const takeList = <TRow>(list: TRow[]): TRow[] => {
      const out = list.splice(0, Math.max(0, room));
      room -= out.length;
      return out;
    };
    const workflows = [...this.workflows.values()].map((w) => ({ ...w }));
    this.workflows.clear();
    return {
      workflows,
      tasks: takeMap(this.tasks),
      tries: takeMap(this.tries),
      statuses: takeList(this.statuses),
      blocks: takeList(this.blocks),
      nodes: takeList(this.nodes),
      resources: takeList(this.resources),
    };
  }

  /** Puts back a batch that could not be written; newer current-state rows win. */
  public restore(batch: MonitoringBatch): void {
    const keepNewer = <TKey, TRow>(
      map: Map<TKey, TRow>,
      rows: readonly TRow[],
      key: (r: TRow) => TKey,
    ) => {
      const merged = new Map<TKey, TRow>();
      for (const row of rows) merged.set(key(row), row);
      for (const [k, row] of map) merged.set(k, row);
      return merged;
    };
    this.workflows = keepNewer(this.workflows, batch.workflows, (r) => r.runId);
    this.tasks = keepNewer(this.tasks, batch.tasks, (r) => r.taskId);
    this.tries = keepNewer(this.tries, batch.tries, (r) => tryKey(r.taskId, r.tryId));
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
