import {
  type MigrationInterface,
  type QueryRunner,
  Table,
  type TableColumnOptions,
  TableIndex,
} from 'typeorm';

/**
 * Schema version 1: workflow, task, try, status, block, node, resource (Parsl's tables).
 * Frozen: never edit a released migration; add V2… instead.
 */
export class V1InitialSchema implements MigrationInterface {
  public readonly name = 'V1InitialSchema1763683200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of V1_TABLES) {
      await queryRunner.createTable(table, true);
    }
    await queryRunner.createIndex(
      'task',
      new TableIndex({ name: 'idx_task_app', columnNames: ['run_id', 'task_func_name'] }),
    );
    await queryRunner.createIndex(
      'task',
      new TableIndex({ name: 'idx_task_status', columnNames: ['run_id', 'task_status'] }),
    );
    await queryRunner.createIndex(
      'resource',
      new TableIndex({ name: 'idx_resource_time', columnNames: ['run_id', 'timestamp'] }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...V1_TABLES].reverse()) {
      await queryRunner.dropTable(table.name, true);
    }
  }
}

const key = (name: string, length?: number): TableColumnOptions =>
  length === undefined
    ? { name, type: 'integer', isPrimary: true }
    : { name, type: 'varchar', length: String(length), isPrimary: true };
const str = (name: string, length: number, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
});
const num = (name: string, isNullable = false): TableColumnOptions => ({
  name,
  type: 'double precision',
  isNullable,
});
const int = (name: string): TableColumnOptions => ({ name, type: 'integer' });
const text = (name: string, isNullable = false): TableColumnOptions => ({
  name,
  type: 'text',
  isNullable,
});
const timeKey: TableColumnOptions = {
  name: 'timestamp',
  type: 'double precision',
  isPrimary: true,
};

const V1_TABLES: readonly Table[] = [
  new Table({
    name: 'workflow',
    columns: [
      key('run_id', 64),
      str('workflow_name', 256),
      str('workflow_version', 256),
      num('time_began'),
      num('time_completed', true),
      str('host', 256),
      str('username', 256),
      text('rundir'),
      int('tasks_completed_count'),
      int('tasks_failed_count'),
    ],
  }),
  new Table({
    name: 'task',
    columns: [
      key('run_id', 64),
      key('task_id'),
      str('task_func_name', 256),
      str('task_executor', 128),
      text('task_depends'),
      str('task_status', 32),
      num('task_time_invoked'),
      num('task_time_returned', true),
      int('task_fail_count'),
    ],
  }),
  new Table({
    name: 'try',
    columns: [
      key('run_id', 64),
      key('task_id'),
      key('try_id'),
      str('task_executor', 128),
      str('block_id', 64, true),
      str('hostname', 256, true),
      num('task_try_time_launched', true),
      num('task_try_time_running', true),
      num('task_try_time_returned', true),
      text('task_fail_message', true),
    ],
  }),
  new Table({
    name: 'status',
    columns: [
      key('run_id', 64),
      key('task_id'),
      key('try_id'),
      key('task_status_name', 32),
      timeKey,
    ],
  }),
  new Table({
    name: 'block',
    columns: [
      key('run_id', 64),
      key('executor_label', 128),
      key('block_id', 64),
      key('status', 32),
      timeKey,
      str('job_id', 128, true),
    ],
  }),
  new Table({
    name: 'node',
    columns: [
      key('run_id', 64),
      key('executor_label', 128),
      key('uid', 128),
      timeKey,
      str('hostname', 256),
      str('block_id', 64, true),
      int('cpu_count'),
      num('total_memory'),
      int('active'),
      int('worker_count'),
    ],
  }),
  new Table({
    name: 'resource',
    columns: [
      key('run_id', 64),
      key('task_id'),
      key('try_id'),
      timeKey,
      int('pid'),
      num('cpu_percent'),
      num('time_user'),
      num('time_system'),
      num('memory_resident'),
      num('memory_virtual'),
      num('disk_read'),
      num('disk_write'),
      int('children_count'),
    ],
  }),
];

/** Every migration, oldest first. */
export const MONITORING_MIGRATIONS = [V1InitialSchema];
