import type {
  AppSummary,
  BlockRow,
  Page,
  PageRequest,
  ResourceBucket,
  RowCounts,
  StatusRow,
  TaskRow,
  TryRow,
  WorkflowSummary,
} from '../../../ports/MonitoringStore.js';
import { type Dialect, placeholder } from './batchSql.js';
import {
  type DbRow,
  toBlockRow,
  toStatusRow,
  toTaskRow,
  toTryRow,
  toWorkflowRow,
} from './rowMapping.js';

/** Runs one SELECT; rows are plain objects keyed by column alias. */
export type Query = (sql: string, params: unknown[]) => Promise<unknown[]>;

type Row = DbRow &
  Partial<
    Record<
      | 'app'
      | 'n'
      | 'done'
      | 'failed'
      | 'mean_ms'
      | 'min_ms'
      | 'max_ms'
      | 'state'
      | 'lo'
      | 'hi'
      | 'b'
      | 'cpu'
      | 'mem'
      | 'samples'
      | 'tasks'
      | 'tasks_total'
      | 'tasks_active',
      unknown
    >
  >;

const DONE = `('exec_done', 'memo_done')`;
const FAILED = `('failed', 'dep_fail')`;
const FINAL = `('exec_done', 'memo_done', 'failed', 'dep_fail')`;
/** Orders transitions of one try that share a millisecond by where they sit in the lifecycle. */
const LIFECYCLE_RANK = `CASE task_status_name WHEN 'pending' THEN 0 WHEN 'launched' THEN 1 WHEN 'running' THEN 2
  WHEN 'running_ended' THEN 3 WHEN 'joining' THEN 4 ELSE 5 END`;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * The visualizer's queries: every one aggregates or paginates in SQL, so a page costs the same
 * for 100 tasks as for 100,000. Shared by SQLite and PostgreSQL (placeholders differ).
 */
export class ReadQueries {
  private readonly p: (index: number) => string;

  public constructor(
    private readonly run: Query,
    private readonly dialect: Dialect,
  ) {
    this.p = placeholder(dialect);
  }

  private async query(sql: string, params: unknown[]): Promise<Row[]> {
    return (await this.run(sql, params)) as Row[];
  }

  public async listWorkflows(): Promise<WorkflowSummary[]> {
    const rows = await this.query(`${this.workflowSelect()} ORDER BY w.time_began DESC`, []);
    return rows.map((r) => this.toSummary(r));
  }

  public async getWorkflow(runId: string): Promise<WorkflowSummary | undefined> {
    const rows = await this.query(
      `${this.workflowSelect(`WHERE run_id = ${this.p(1)}`)} WHERE w.run_id = ${this.p(2)}`,
      [runId, runId],
    );
    const row = rows[0];
    return row === undefined ? undefined : this.toSummary(row);
  }

  public async appSummary(runId: string): Promise<AppSummary[]> {
    const rows = await this.query(
      `SELECT task_func_name AS app, COUNT(*) AS n,
         SUM(CASE WHEN task_status IN ${DONE} THEN 1 ELSE 0 END) AS done,
         SUM(CASE WHEN task_status IN ${FAILED} THEN 1 ELSE 0 END) AS failed,
         AVG(task_time_returned - task_time_invoked) AS mean_ms,
         MIN(task_time_returned - task_time_invoked) AS min_ms,
         MAX(task_time_returned - task_time_invoked) AS max_ms
       FROM task WHERE run_id = ${this.p(1)} GROUP BY task_func_name ORDER BY task_func_name`,
      [runId],
    );
    return rows.map((r) => ({
      appName: String(r.app),
      count: num(r.n),
      completed: num(r.done),
      failed: num(r.failed),
      meanDurationMs: numOrNull(r.mean_ms),
      minDurationMs: numOrNull(r.min_ms),
      maxDurationMs: numOrNull(r.max_ms),
    }));
  }

  public async appNames(runId: string): Promise<string[]> {
    const rows = await this.query(
      `SELECT DISTINCT task_func_name AS app FROM task WHERE run_id = ${this.p(1)} ORDER BY task_func_name`,
      [runId],
    );
    return rows.map((r) => String(r.app));
  }

  public async stateCounts(runId: string): Promise<Record<string, number>> {
    const rows = await this.query(
      `SELECT task_status AS state, COUNT(*) AS n FROM task WHERE run_id = ${this.p(1)} GROUP BY task_status`,
      [runId],
    );
    return Object.fromEntries(rows.map((r) => [String(r.state), num(r.n)]));
  }

  public async getTask(runId: string, taskId: number): Promise<TaskRow | undefined> {
    const rows = await this.query(
      `SELECT * FROM task WHERE run_id = ${this.p(1)} AND task_id = ${this.p(2)}`,
      [runId, taskId],
    );
    const row = rows[0];
    return row === undefined ? undefined : toTaskRow(row);
  }

  public async listTasks(runId: string, page: PageRequest): Promise<Page<TaskRow>> {
    const params: unknown[] = [runId];
    let where = `run_id = ${this.p(1)}`;
    if (page.appName !== undefined) {
      params.push(page.appName);
      where += ` AND task_func_name = ${this.p(params.length)}`;
    }
    if (page.state !== undefined) {
      params.push(page.state);
      where += ` AND task_status = ${this.p(params.length)}`;
    }
    const total = await this.count(`SELECT COUNT(*) AS n FROM task WHERE ${where}`, params);
    const rows = await this.query(
      `SELECT * FROM task WHERE ${where} ORDER BY task_id ${this.window(params, page)}`,
      params,
    );
    return { total, offset: page.offset, rows: rows.map(toTaskRow) };
  }

  public async listTries(runId: string, page: PageRequest): Promise<Page<TryRow>> {
    const params: unknown[] = [runId];
    const total = await this.count(
      `SELECT COUNT(*) AS n FROM "try" WHERE run_id = ${this.p(1)}`,
      params,
    );
    const rows = await this.query(
      `SELECT * FROM "try" WHERE run_id = ${this.p(1)} ORDER BY task_id, try_id ${this.window(params, page)}`,
      params,
    );
    return { total, offset: page.offset, rows: rows.map(toTryRow) };
  }

  public async taskHistory(runId: string, taskId: number): Promise<StatusRow[]> {
    const rows = await this.query(
      `SELECT * FROM status WHERE run_id = ${this.p(1)} AND task_id = ${this.p(2)}
       ORDER BY try_id, "timestamp", ${LIFECYCLE_RANK}`,
      [runId, taskId],
    );
    return rows.map(toStatusRow);
  }

  public async listBlocks(runId: string): Promise<BlockRow[]> {
    const rows = await this.query(
      `SELECT * FROM block WHERE run_id = ${this.p(1)} ORDER BY "timestamp", executor_label, block_id`,
      [runId],
    );
    return rows.map(toBlockRow);
  }

  public async resourceUsage(runId: string, buckets: number): Promise<ResourceBucket[]> {
    const span = await this.query(
      `SELECT MIN("timestamp") AS lo, MAX("timestamp") AS hi FROM resource WHERE run_id = ${this.p(1)}`,
      [runId],
    );
    const lo = numOrNull(span[0]?.lo);
    const hi = numOrNull(span[0]?.hi);
    if (lo === null || hi === null) {
      return [];
    }
    const width = Math.max(1, Math.ceil((hi - lo + 1) / Math.max(1, buckets)));
    // lo and width are numbers computed here, inlined so placeholder order stays simple.
    const offset = `("timestamp" - ${Number(lo)}) / ${Number(width)}`;
    const bucket =
      this.dialect === 'postgres'
        ? `CAST(FLOOR(${offset}) AS INTEGER)`
        : `CAST(${offset} AS INTEGER)`;
    // Average each task's samples within a bucket first, then sum over tasks.
    const rows = await this.query(
      `SELECT b, SUM(c) AS cpu, SUM(m) AS mem, SUM(n) AS samples, COUNT(*) AS tasks FROM (
         SELECT ${bucket} AS b, task_id, try_id, AVG(cpu_percent) AS c, AVG(memory_resident) AS m,
           COUNT(*) AS n
         FROM resource WHERE run_id = ${this.p(1)} GROUP BY 1, task_id, try_id
       ) per_task GROUP BY b ORDER BY b`,
      [runId],
    );
    return rows.map((r) => ({
      start: lo + num(r.b) * width,
      cpuPercent: num(r.cpu),
      memoryResident: num(r.mem),
      samples: num(r.samples),
      tasks: num(r.tasks),
    }));
  }

  public async rowCounts(runId: string): Promise<RowCounts> {
    const count = (table: string) =>
      this.count(`SELECT COUNT(*) AS n FROM "${table}" WHERE run_id = ${this.p(1)}`, [runId]);
    const [tasks, tries, statuses, blocks, nodes, resources] = await Promise.all(
      ['task', 'try', 'status', 'block', 'node', 'resource'].map(count),
    );
    return {
      tasks: tasks ?? 0,
      tries: tries ?? 0,
      statuses: statuses ?? 0,
      blocks: blocks ?? 0,
      nodes: nodes ?? 0,
      resources: resources ?? 0,
    };
  }

  private workflowSelect(taskFilter = ''): string {
    return `SELECT w.*, COALESCE(t.total, 0) AS tasks_total, COALESCE(t.active, 0) AS tasks_active
      FROM workflow w LEFT JOIN (
        SELECT run_id, COUNT(*) AS total,
          SUM(CASE WHEN task_status IN ${FINAL} THEN 0 ELSE 1 END) AS active
        FROM task ${taskFilter} GROUP BY run_id
      ) t ON t.run_id = w.run_id`;
  }

  private toSummary(r: Row): WorkflowSummary {
    return {
      ...toWorkflowRow(r),
      tasksTotal: num(r.tasks_total),
      tasksActive: num(r.tasks_active),
    };
  }

  private window(params: unknown[], page: PageRequest): string {
    params.push(Math.max(0, Math.floor(page.limit)), Math.max(0, Math.floor(page.offset)));
    return `LIMIT ${this.p(params.length - 1)} OFFSET ${this.p(params.length)}`;
  }

  private async count(sql: string, params: unknown[]): Promise<number> {
    const rows = await this.query(sql, params);
    return num(rows[0]?.n);
  }
}
