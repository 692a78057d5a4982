import { EntitySchema } from 'typeorm';

/**
 * TypeORM entity schemas of the monitoring database (schema version 1). Column names follow
 * Parsl's tables (parsl/monitoring/db_manager.py); times are ms since the epoch as double precision.
 * Migrations in ./migrations create exactly this schema (a test checks that TypeORM finds no
 * difference); change both together, adding a new migration.
 */

type Row = Record<string, unknown>;
const time = { type: 'double precision', nullable: true } as const;
const label = (length: number) => ({ type: 'varchar', length }) as const;

export const WorkflowEntity = new EntitySchema<Row>({
  name: 'workflow',
  tableName: 'workflow',
  columns: {
    run_id: { ...label(64), primary: true },
    workflow_name: label(256),
    workflow_version: label(256),
    time_began: { type: 'double precision' },
    time_completed: time,
    host: label(256),
    username: label(256),
    rundir: { type: 'text' },
    tasks_completed_count: { type: 'integer' },
    tasks_failed_count: { type: 'integer' },
  },
});

export const TaskEntity = new EntitySchema<Row>({
  name: 'task',
  tableName: 'task',
  columns: {
    run_id: { ...label(64), primary: true },
    task_id: { type: 'integer', primary: true },
    task_func_name: label(256),
    task_executor: label(128),
    task_depends: { type: 'text' },
    task_status: label(32),
    task_time_invoked: { type: 'double precision' },
    task_time_returned: time,
    task_fail_count: { type: 'integer' },
  },
  indices: [
    { name: 'idx_task_app', columns: ['run_id', 'task_func_name'] },
    { name: 'idx_task_status', columns: ['run_id', 'task_status'] },
  ],
});

export const TryEntity = new EntitySchema<Row>({
  name: 'try',
  tableName: 'try',
  columns: {
    run_id: { ...label(64), primary: true },
    task_id: { type: 'integer', primary: true },
    try_id: { type: 'integer', primary: true },
    task_executor: label(128),
    block_id: { ...label(64), nullable: true },
    hostname: { ...label(256), nullable: true },
    task_try_time_launched: time,
    task_try_time_running: time,
    task_try_time_returned: time,
    task_fail_message: { type: 'text', nullable: true },
  },
});

export const StatusEntity = new EntitySchema<Row>({
  name: 'status',
  tableName: 'status',
  columns: {
    run_id: { ...label(64), primary: true },
    task_id: { type: 'integer', primary: true },
    try_id: { type: 'integer', primary: true },
    task_status_name: { ...label(32), primary: true },
    timestamp: { type: 'double precision', primary: true },
  },
});

export const BlockEntity = new EntitySchema<Row>({
  name: 'block',
  tableName: 'block',
  columns: {
    run_id: { ...label(64), primary: true },
    executor_label: { ...label(128), primary: true },
    block_id: { ...label(64), primary: true },
    status: { ...label(32), primary: true },
    timestamp: { type: 'double precision', primary: true },
    job_id: { ...label(128), nullable: true },
  },
});

export const NodeEntity = new EntitySchema<Row>({
  name: 'node',
  tableName: 'node',
  columns: {
    run_id: { ...label(64), primary: true },
    executor_label: { ...label(128), primary: true },
    uid: { ...label(128), primary: true },
    timestamp: { type: 'double precision', primary: true },
    hostname: label(256),
    block_id: { ...label(64), nullable: true },
    cpu_count: { type: 'integer' },
    total_memory: { type: 'double precision' },
    active: { type: 'integer' },
    worker_count: { type: 'integer' },
  },
});

export const ResourceEntity = new EntitySchema<Row>({
  name: 'resource',
  tableName: 'resource',
  columns: {
    run_id: { ...label(64), primary: true },
    task_id: { type: 'integer', primary: true },
    try_id: { type: 'integer', primary: true },
    timestamp: { type: 'double precision', primary: true },
    pid: { type: 'integer' },
    cpu_percent: { type: 'double precision' },
    time_user: { type: 'double precision' },
    time_system: { type: 'double precision' },
    memory_resident: { type: 'double precision' },
    memory_virtual: { type: 'double precision' },
    disk_read: { type: 'double precision' },
    disk_write: { type: 'double precision' },
    children_count: { type: 'integer' },
  },
  indices: [{ name: 'idx_resource_time', columns: ['run_id', 'timestamp'] }],
});

export const MONITORING_ENTITIES = [
  WorkflowEntity,
  TaskEntity,
  TryEntity,
  StatusEntity,
  BlockEntity,
  NodeEntity,
  ResourceEntity,
];
