/**
 * Where monitoring records go and where the visualizer reads them from.
 *
 * Rows mirror Parsl's monitoring tables (workflow, task, try, status, block, node, resource) in
 * camelCase; every timestamp is milliseconds since the epoch. Writes come in batches from the
 * monitoring hub; reads are the aggregated, paginated queries the visualizer pages need (so a run
 * of 100,000 tasks never has to be loaded whole).
 *
 * Lifecycle: whoever creates the store calls `open()` once (it connects and applies schema
 * migrations), then any number of `write`/read calls, then `close()`. The monitoring hub
 * (`attachMonitoring`) opens and closes the store it is given; the visualizer does the same.
 *
 * Parsl: parsl.monitoring.db_manager.Database (+ the queries in parsl.monitoring.visualization)
 */

/** One run of a workflow. Parsl: table `workflow`. */
export interface WorkflowRow {
  readonly runId: string;
  readonly workflowName: string;
  readonly workflowVersion: string;
  readonly timeBegan: number;
  readonly timeCompleted: number | null;
  readonly host: string;
  readonly user: string;
  readonly rundir: string;
  readonly tasksCompletedCount: number;
  readonly tasksFailedCount: number;
}

/** One task (all its tries). Parsl: table `task`, plus `taskStatus`, the latest state. */
export interface TaskRow {
  readonly runId: string;
  readonly taskId: number;
  readonly appName: string;
  readonly executor: string;
  /** Ids of the tasks this one depends on. */
  readonly dependsOn: readonly number[];
  readonly taskStatus: string;
  readonly timeInvoked: number;
  readonly timeReturned: number | null;
  readonly failCount: number;
}

/** One attempt of a task on an executor. Parsl: table `try`. */
export interface TryRow {
  readonly runId: string;
  readonly taskId: number;
  readonly tryId: number;
  readonly executor: string;
  readonly blockId: string | null;
  readonly hostname: string | null;
  readonly timeLaunched: number | null;
  readonly timeRunning: number | null;
  readonly timeReturned: number | null;
  /** The error message of a failed try. */
  readonly failMessage: string | null;
}

/** One state transition. Parsl: table `status`. */
export interface StatusRow {
  readonly runId: string;
  readonly taskId: number;
  readonly tryId: number;
  readonly state: string;
  readonly timestamp: number;
}

/** One block status change. Parsl: table `block`. */
export interface BlockRow {
  readonly runId: string;
  readonly executorLabel: string;
  readonly blockId: string;
  readonly jobId: string | null;
  /** A JobState name, e.g. PENDING, RUNNING, CANCELLED. */
  readonly status: string;
  readonly timestamp: number;
}

/** A worker pool (manager) registering or changing capacity. Parsl: table `node`. */
export interface NodeRow {
  readonly runId: string;
  readonly executorLabel: string;
  readonly hostname: string;
  readonly uid: string;
  readonly blockId: string | null;
  readonly cpuCount: number;
  readonly totalMemory: number;
  readonly active: boolean;
  readonly workerCount: number;
  readonly timestamp: number;
}

/** One resource sample of a running task's process tree. Parsl: table `resource`. */
export interface ResourceRow {
  readonly runId: string;
  readonly taskId: number;
  readonly tryId: number;
  readonly timestamp: number;
  readonly pid: number;
  /** CPU use since the previous sample, in percent of one core. */
  readonly cpuPercent: number;
  /** Cumulative user / system CPU seconds of the process and its reaped children. */
  readonly timeUser: number;
  readonly timeSystem: number;
  readonly memoryResident: number;
  readonly memoryVirtual: number;
  readonly diskRead: number;
  readonly diskWrite: number;
  readonly childrenCount: number;
}

/**
 * One atomic write. `workflows`, `tasks` and `tries` are upserts (the full current row replaces
 * the stored one); the others are appended, and a row whose key is already stored is ignored, so
 * writing the same batch twice is harmless.
 */
export interface MonitoringBatch {
  readonly workflows: readonly WorkflowRow[];
  readonly tasks: readonly TaskRow[];
  readonly tries: readonly TryRow[];
  readonly statuses: readonly StatusRow[];
  readonly blocks: readonly BlockRow[];
  readonly nodes: readonly NodeRow[];
  readonly resources: readonly ResourceRow[];
}

/** A run with its task counts, for the workflows page. */
export interface WorkflowSummary extends WorkflowRow {
  readonly tasksTotal: number;
  /** Tasks not yet in a final state. */
  readonly tasksActive: number;
}

/** Per-app counts and durations (returned - invoked, for tasks that returned), in ms. */
export interface AppSummary {
  readonly appName: string;
  readonly count: number;
  readonly completed: number;
  readonly failed: number;
  readonly meanDurationMs: number | null;
  readonly minDurationMs: number | null;
  readonly maxDurationMs: number | null;
}

/** A window of rows and how many there are in all. */
export interface Page<TRow> {
  readonly total: number;
  readonly offset: number;
  readonly rows: readonly TRow[];
}

/** A task-id ordered window; optional filters. */
export interface PageRequest {
  readonly offset: number;
  readonly limit: number;
  readonly appName?: string;
  readonly state?: string;
}

/** Resource use summed over all tasks in one time bucket. */
export interface ResourceBucket {
  /** Start of the bucket (ms since the epoch). */
  readonly start: number;
  readonly cpuPercent: number;
  readonly memoryResident: number;
  readonly samples: number;
  /** Distinct tasks sampled in the bucket. */
  readonly tasks: number;
}

/** Table sizes of one run (for tests, the bench and the summary page). */
export interface RowCounts {
  readonly tasks: number;
  readonly tries: number;
  readonly statuses: number;
  readonly blocks: number;
  readonly nodes: number;
  readonly resources: number;
}

/** The monitoring database. All methods reject with MonitoringError. */
export interface MonitoringStore {
  /** Human-readable location without a password, e.g. `sqlite:runinfo/monitoring.db`. */
  readonly location: string;
  /**
   * Connects and migrates the schema to the current version. Idempotent.
   * @throws {MonitoringError} when the database cannot be reached or migrated
   */
  open(): Promise<void>;
  /**
   * Writes one batch in one transaction (all or nothing).
   * @throws {MonitoringError} when the database rejects it; nothing of the batch is kept
   */
  write(batch: MonitoringBatch): Promise<void>;
  /** Every run, newest first. */
  listWorkflows(): Promise<WorkflowSummary[]>;
  getWorkflow(runId: string): Promise<WorkflowSummary | undefined>;
  /** Per-app summary of one run, by app name. */
  appSummary(runId: string): Promise<AppSummary[]>;
  /** The app names of one run, sorted (cheap: read from an index). */
  appNames(runId: string): Promise<string[]>;
  /** Number of tasks in each latest state. */
  stateCounts(runId: string): Promise<Record<string, number>>;
  getTask(runId: string, taskId: number): Promise<TaskRow | undefined>;
  /** Tasks ordered by id. */
  listTasks(runId: string, page: PageRequest): Promise<Page<TaskRow>>;
  /** Tries ordered by task id then try id (the Gantt chart). */
  listTries(runId: string, page: PageRequest): Promise<Page<TryRow>>;
  /** Transitions of one task, oldest first. */
  taskHistory(runId: string, taskId: number): Promise<StatusRow[]>;
  /** Block status changes, oldest first. */
  listBlocks(runId: string): Promise<BlockRow[]>;
  /** Resource samples summed into at most `buckets` equal time buckets. */
  resourceUsage(runId: string, buckets: number): Promise<ResourceBucket[]>;
  rowCounts(runId: string): Promise<RowCounts>;
  close(): Promise<void>;
}
