import { MonitoringError } from '../../src/domain/errors/MonitoringErrors.js';
import type {
  AppSummary,
  BlockRow,
  MonitoringBatch,
  MonitoringStore,
  NodeRow,
  Page,
  PageRequest,
  ResourceBucket,
  ResourceRow,
  RowCounts,
  StatusRow,
  TaskRow,
  TryRow,
  WorkflowRow,
  WorkflowSummary,
} from '../../src/ports/MonitoringStore.js';

const LIFECYCLE = ['pending', 'launched', 'running', 'running_ended', 'joining'];
const rank = (state: string): number => {
  const i = LIFECYCLE.indexOf(state);
  return i === -1 ? LIFECYCLE.length : i;
};
const FINAL = new Set(['exec_done', 'memo_done', 'failed', 'dep_fail']);
const DONE = new Set(['exec_done', 'memo_done']);
const FAILED = new Set(['failed', 'dep_fail']);

/**
 * An in-memory MonitoringStore that really stores and queries rows (same semantics as the SQL
 * adapter: upserts for workflow/task/try, insert-or-ignore by key for the rest).
 * Script outages with `goDown()` / `comeUp()`; every write attempt is recorded in `writes`.
 */
export class FakeMonitoringStore implements MonitoringStore {
  public readonly location = 'memory:fake';
  /** Every write call (accepted or rejected), in order. */
  public readonly writes: MonitoringBatch[] = [];
  public readonly calls: string[] = [];
  private readonly workflows = new Map<string, WorkflowRow>();
  private readonly tasks = new Map<string, TaskRow>();
  private readonly tries = new Map<string, TryRow>();
  private readonly statuses = new Map<string, StatusRow>();
  private readonly blocks = new Map<string, BlockRow>();
  private readonly nodes = new Map<string, NodeRow>();
  private readonly resources = new Map<string, ResourceRow>();
  private opened = false;
  private down = false;

  /** Makes every following write reject, as a database that went away. */
  public goDown(): void {
    this.down = true;
  }

  public comeUp(): void {
    this.down = false;
  }

  public get isOpen(): boolean {
    return this.opened;
  }

  public async open(): Promise<void> {
    this.calls.push('open');
    this.opened = true;
  }

  public async write(batch: MonitoringBatch): Promise<void> {
    this.calls.push('write');
    this.writes.push(batch);
    this.requireOpen('write');
    if (this.down) {
      throw new MonitoringError(
        'FakeMonitoringStore.write: the store is down (scripted by goDown())',
      );
    }
    for (const r of batch.workflows) this.workflows.set(r.runId, r);
    for (const r of batch.tasks) this.tasks.set(`${r.runId}/${r.taskId}`, r);
    for (const r of batch.tries) this.tries.set(`${r.runId}/${r.taskId}/${r.tryId}`, r);
    const keep = <TRow>(map: Map<string, TRow>, key: string, row: TRow) => {
      if (!map.has(key)) map.set(key, row);
    };
    for (const r of batch.statuses)
      keep(this.statuses, `${r.runId}/${r.taskId}/${r.tryId}/${r.state}/${r.timestamp}`, r);
    for (const r of batch.blocks)
      keep(this.blocks, `${r.runId}/${r.executorLabel}/${r.blockId}/${r.status}/${r.timestamp}`, r);
    for (const r of batch.nodes)
      keep(this.nodes, `${r.runId}/${r.executorLabel}/${r.uid}/${r.timestamp}`, r);
    for (const r of batch.resources)
      keep(this.resources, `${r.runId}/${r.taskId}/${r.tryId}/${r.timestamp}`, r);
  }

  public async listWorkflows(): Promise<WorkflowSummary[]> {
    this.requireOpen('read');
    return [...this.workflows.values()]
      .sort((a, b) => b.timeBegan - a.timeBegan)
      .map((w) => this.summarise(w));
  }

  public async getWorkflow(runId: string): Promise<WorkflowSummary | undefined> {
    this.requireOpen('read');
    const w = this.workflows.get(runId);
    return w === undefined ? undefined : this.summarise(w);
  }

  public async appSummary(runId: string): Promise<AppSummary[]> {
    const byApp = new Map<string, TaskRow[]>();
    for (const t of this.runTasks(runId)) {
      byApp.set(t.appName, [...(byApp.get(t.appName) ?? []), t]);
    }
    return [...byApp.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([appName, tasks]) => {
        const durations = tasks
          .filter((t) => t.timeReturned !== null)
          .map((t) => (t.timeReturned ?? 0) - t.timeInvoked);
        return {
          appName,
          count: tasks.length,
          completed: tasks.filter((t) => DONE.has(t.taskStatus)).length,
          failed: tasks.filter((t) => FAILED.has(t.taskStatus)).length,
          meanDurationMs:
            durations.length === 0 ? null : durations.reduce((a, b) => a + b, 0) / durations.length,
          minDurationMs: durations.length === 0 ? null : Math.min(...durations),
          maxDurationMs: durations.length === 0 ? null : Math.max(...durations),
        };
      });
  }

  public async appNames(runId: string): Promise<string[]> {
    return [...new Set(this.runTasks(runId).map((t) => t.appName))].sort();
  }

  public async stateCounts(runId: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const t of this.runTasks(runId)) {
      counts[t.taskStatus] = (counts[t.taskStatus] ?? 0) + 1;
    }
    return counts;
  }

  public async getTask(runId: string, taskId: number): Promise<TaskRow | undefined> {
    this.requireOpen('read');
    return this.tasks.get(`${runId}/${taskId}`);
  }

  public async listTasks(runId: string, page: PageRequest): Promise<Page<TaskRow>> {
    const rows = this.runTasks(runId)
      .filter((t) => page.appName === undefined || t.appName === page.appName)
      .filter((t) => page.state === undefined || t.taskStatus === page.state)
      .sort((a, b) => a.taskId - b.taskId);
    return {
      total: rows.length,
      offset: page.offset,
      rows: rows.slice(page.offset, page.offset + page.limit),
    };
  }

  public async listTries(runId: string, page: PageRequest): Promise<Page<TryRow>> {
    this.requireOpen('read');
    const rows = [...this.tries.values()]
      .filter((t) => t.runId === runId)
      .sort((a, b) => a.taskId - b.taskId || a.tryId - b.tryId);
    return {
      total: rows.length,
      offset: page.offset,
      rows: rows.slice(page.offset, page.offset + page.limit),
    };
  }

  public async taskHistory(runId: string, taskId: number): Promise<StatusRow[]> {
    this.requireOpen('read');
    return [...this.statuses.values()]
      .filter((s) => s.runId === runId && s.taskId === taskId)
      .sort(
        (a, b) => a.tryId - b.tryId || a.timestamp - b.timestamp || rank(a.state) - rank(b.state),
      );
  }

  public async listBlocks(runId: string): Promise<BlockRow[]> {
    this.requireOpen('read');
    return [...this.blocks.values()]
      .filter((b) => b.runId === runId)
      .sort((a, b) => a.timestamp - b.timestamp);
  }

  public async resourceUsage(runId: string, buckets: number): Promise<ResourceBucket[]> {
    this.requireOpen('read');
    const samples = [...this.resources.values()].filter((r) => r.runId === runId);
    if (samples.length === 0) return [];
    const lo = Math.min(...samples.map((s) => s.timestamp));
    const hi = Math.max(...samples.map((s) => s.timestamp));
    const width = Math.max(1, Math.ceil((hi - lo + 1) / Math.max(1, buckets)));
    const groups = new Map<number, Map<string, ResourceRow[]>>();
    for (const s of samples) {
      const b = Math.floor((s.timestamp - lo) / width);
      const perTask = groups.get(b) ?? new Map<string, ResourceRow[]>();
      const key = `${s.taskId}/${s.tryId}`;
      perTask.set(key, [...(perTask.get(key) ?? []), s]);
      groups.set(b, perTask);
    }
    const mean = (xs: number[]) => xs.reduce((a, c) => a + c, 0) / xs.length;
    return [...groups.entries()]
      .sort(([a], [b]) => a - b)
      .map(([b, perTask]) => {
        const tasks = [...perTask.values()];
        return {
          start: lo + b * width,
          cpuPercent: tasks.reduce((a, t) => a + mean(t.map((s) => s.cpuPercent)), 0),
          memoryResident: tasks.reduce((a, t) => a + mean(t.map((s) => s.memoryResident)), 0),
          samples: tasks.reduce((a, t) => a + t.length, 0),
          tasks: tasks.length,
        };
      });
  }

  public async rowCounts(runId: string): Promise<RowCounts> {
    this.requireOpen('read');
    const n = (rows: Iterable<{ runId: string }>) =>
      [...rows].filter((r) => r.runId === runId).length;
    return {
      tasks: n(this.tasks.values()),
      tries: n(this.tries.values()),
      statuses: n(this.statuses.values()),
      blocks: n(this.blocks.values()),
      nodes: n(this.nodes.values()),
      resources: n(this.resources.values()),
    };
  }

  public async close(): Promise<void> {
    this.calls.push('close');
    this.opened = false;
  }

  private runTasks(runId: string): TaskRow[] {
    this.requireOpen('read');
    return [...this.tasks.values()].filter((t) => t.runId === runId);
  }

  private summarise(w: WorkflowRow): WorkflowSummary {
    const tasks = [...this.tasks.values()].filter((t) => t.runId === w.runId);
    return {
      ...w,
      tasksTotal: tasks.length,
      tasksActive: tasks.filter((t) => !FINAL.has(t.taskStatus)).length,
    };
  }

  private requireOpen(operation: string): void {
    if (!this.opened) {
      throw new MonitoringError(
        `FakeMonitoringStore.${operation}: the store is not open. Call open() first.`,
      );
    }
  }
}
