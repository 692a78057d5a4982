import type {
  BlockRow,
  MonitoringBatch,
  NodeRow,
  ResourceRow,
  StatusRow,
  TaskRow,
  TryRow,
  WorkflowRow,
} from '../../../ports/MonitoringStore.js';
import { type Dialect, insertStatements, type Statement, type TableWriteSpec } from './batchSql.js';

/** How each port row maps to its table's columns (see ./entities.ts). */

export const WORKFLOW_SPEC: TableWriteSpec<WorkflowRow> = {
  table: 'workflow',
  columns: [
    'run_id',
    'workflow_name',
    'workflow_version',
    'time_began',
    'time_completed',
    'host',
    'username',
    'rundir',
    'tasks_completed_count',
    'tasks_failed_count',
  ],
  key: ['run_id'],
  mode: 'upsert',
  values: (r) => [
    r.runId,
    r.workflowName,
    r.workflowVersion,
    r.timeBegan,
    r.timeCompleted,
    r.host,
    r.user,
    r.rundir,
    r.tasksCompletedCount,
    r.tasksFailedCount,
  ],
};

export const TASK_SPEC: TableWriteSpec<TaskRow> = {
  table: 'task',
  columns: [
    'run_id',
    'task_id',
    'task_func_name',
    'task_executor',
    'task_depends',
    'task_status',
    'task_time_invoked',
    'task_time_returned',
    'task_fail_count',
  ],
  key: ['run_id', 'task_id'],
  mode: 'upsert',
  values: (r) => [
    r.runId,
    r.taskId,
    r.appName,
    r.executor,
    r.dependsOn.join(','),
    r.taskStatus,
    r.timeInvoked,
    r.timeReturned,
    r.failCount,
  ],
};

export const TRY_SPEC: TableWriteSpec<TryRow> = {
  table: 'try',
  columns: [
    'run_id',
    'task_id',
    'try_id',
    'task_executor',
    'block_id',
    'hostname',
    'task_try_time_launched',
    'task_try_time_running',
    'task_try_time_returned',
    'task_fail_message',
  ],
  key: ['run_id', 'task_id', 'try_id'],
  mode: 'upsert',
  values: (r) => [
    r.runId,
    r.taskId,
    r.tryId,
    r.executor,
    r.blockId,
    r.hostname,
    r.timeLaunched,
    r.timeRunning,
    r.timeReturned,
    r.failMessage,
  ],
};

export const STATUS_SPEC: TableWriteSpec<StatusRow> = {
  table: 'status',
  columns: ['run_id', 'task_id', 'try_id', 'task_status_name', 'timestamp'],
  key: ['run_id', 'task_id', 'try_id', 'task_status_name', 'timestamp'],
  mode: 'ignore',
  values: (r) => [r.runId, r.taskId, r.tryId, r.state, r.timestamp],
};

export const BLOCK_SPEC: TableWriteSpec<BlockRow> = {
  table: 'block',
  columns: ['run_id', 'executor_label', 'block_id', 'status', 'timestamp', 'job_id'],
  key: ['run_id', 'executor_label', 'block_id', 'status', 'timestamp'],
  mode: 'ignore',
  values: (r) => [r.runId, r.executorLabel, r.blockId, r.status, r.timestamp, r.jobId],
};

export const NODE_SPEC: TableWriteSpec<NodeRow> = {
  table: 'node',
  columns: [
    'run_id',
    'executor_label',
    'uid',
    'timestamp',
    'hostname',
    'block_id',
    'cpu_count',
    'total_memory',
    'active',
    'worker_count',
  ],
  key: ['run_id', 'executor_label', 'uid', 'timestamp'],
  mode: 'ignore',
  values: (r) => [
    r.runId,
    r.executorLabel,
    r.uid,
    r.timestamp,
    r.hostname,
    r.blockId,
    r.cpuCount,
    r.totalMemory,
    r.active ? 1 : 0,
    r.workerCount,
  ],
};

export const RESOURCE_SPEC: TableWriteSpec<ResourceRow> = {
  table: 'resource',
  columns: [
    'run_id',
    'task_id',
    'try_id',
    'timestamp',
    'pid',
    'cpu_percent',
    'time_user',
    'time_system',
    'memory_resident',
    'memory_virtual',
    'disk_read',
    'disk_write',
    'children_count',
  ],
  key: ['run_id', 'task_id', 'try_id', 'timestamp'],
  mode: 'ignore',
  values: (r) => [
    r.runId,
    r.taskId,
    r.tryId,
    r.timestamp,
    r.pid,
    r.cpuPercent,
    r.timeUser,
    r.timeSystem,
    r.memoryResident,
    r.memoryVirtual,
    r.diskRead,
    r.diskWrite,
    r.childrenCount,
  ],
};

type Column =
  | 'run_id'
  | 'workflow_name'
  | 'workflow_version'
  | 'time_began'
  | 'time_completed'
  | 'host'
  | 'username'
  | 'rundir'
  | 'tasks_completed_count'
  | 'tasks_failed_count'
  | 'task_id'
  | 'task_func_name'
  | 'task_executor'
  | 'task_depends'
  | 'task_status'
  | 'task_time_invoked'
  | 'task_time_returned'
  | 'task_fail_count'
  | 'try_id'
  | 'block_id'
  | 'hostname'
  | 'task_try_time_launched'
  | 'task_try_time_running'
  | 'task_try_time_returned'
  | 'task_fail_message'
  | 'task_status_name'
  | 'timestamp'
  | 'executor_label'
  | 'job_id'
  | 'status';
/** A row as the driver returns it (PostgreSQL returns bigint aggregates as strings). */
export type DbRow = Partial<Record<Column, unknown>>;
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : num(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export const toWorkflowRow = (r: DbRow): WorkflowRow => ({
  runId: String(r.run_id),
  workflowName: String(r.workflow_name),
  workflowVersion: String(r.workflow_version),
  timeBegan: num(r.time_began),
  timeCompleted: numOrNull(r.time_completed),
  host: String(r.host),
  user: String(r.username),
  rundir: String(r.rundir),
  tasksCompletedCount: num(r.tasks_completed_count),
  tasksFailedCount: num(r.tasks_failed_count),
});

export const toTaskRow = (r: DbRow): TaskRow => {
  const depends = String(r.task_depends ?? '');
  return {
    runId: String(r.run_id),
    taskId: num(r.task_id),
    appName: String(r.task_func_name),
    executor: String(r.task_executor),
    dependsOn: depends === '' ? [] : depends.split(',').map(Number),
    taskStatus: String(r.task_status),
    timeInvoked: num(r.task_time_invoked),
    timeReturned: numOrNull(r.task_time_returned),
    failCount: num(r.task_fail_count),
  };
};

export const toTryRow = (r: DbRow): TryRow => ({
  runId: String(r.run_id),
  taskId: num(r.task_id),
  tryId: num(r.try_id),
  executor: String(r.task_executor),
  blockId: strOrNull(r.block_id),
  hostname: strOrNull(r.hostname),
  timeLaunched: numOrNull(r.task_try_time_launched),
  timeRunning: numOrNull(r.task_try_time_running),
  timeReturned: numOrNull(r.task_try_time_returned),
  failMessage: strOrNull(r.task_fail_message),
});

export const toStatusRow = (r: DbRow): StatusRow => ({
  runId: String(r.run_id),
  taskId: num(r.task_id),
  tryId: num(r.try_id),
  state: String(r.task_status_name),
  timestamp: num(r.timestamp),
});

export const toBlockRow = (r: DbRow): BlockRow => ({
  runId: String(r.run_id),
  executorLabel: String(r.executor_label),
  blockId: String(r.block_id),
  jobId: strOrNull(r.job_id),
  status: String(r.status),
  timestamp: num(r.timestamp),
});

/** Every statement of one batch, current-state tables first. */
export const batchStatements = (dialect: Dialect, batch: MonitoringBatch): Statement[] => [
  ...insertStatements(dialect, WORKFLOW_SPEC, batch.workflows),
  ...insertStatements(dialect, TASK_SPEC, batch.tasks),
  ...insertStatements(dialect, TRY_SPEC, batch.tries),
  ...insertStatements(dialect, STATUS_SPEC, batch.statuses),
  ...insertStatements(dialect, BLOCK_SPEC, batch.blocks),
  ...insertStatements(dialect, NODE_SPEC, batch.nodes),
  ...insertStatements(dialect, RESOURCE_SPEC, batch.resources),
];
