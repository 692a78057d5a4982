import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { DataSource, DataSourceOptions, QueryRunner } from 'typeorm';
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
import type { Dialect, Statement } from './typeorm/batchSql.js';
import {
  type DatabaseLocation,
  describeLocation,
  parseDatabaseUrl,
} from './typeorm/parseDatabaseUrl.js';
import { ReadQueries } from './typeorm/ReadQueries.js';
import { batchStatements } from './typeorm/rowMapping.js';
import { sqliteBatchWriter } from './typeorm/sqliteBatchWriter.js';

/** Options of {@link TypeOrmMonitoringStore}. */
export interface TypeOrmMonitoringStoreOptions {
  /** `sqlite:///runinfo/monitoring.db`, a bare SQLite path, or `postgresql://user:pw@host:5432/db`. */
  readonly url: string;
  /** Relative SQLite paths are resolved against this directory. @default process.cwd() */
  readonly baseDir?: string;
  /** Open without writing: no migrations, and a missing SQLite file is an error. @default false */
  readonly readonly?: boolean;
  /** PostgreSQL schema to use (created if missing); tests use one per suite. @default 'public' */
  readonly schema?: string;
  /** How long SQLite waits for a lock held by another process. @default 5000 */
  readonly busyTimeoutMs?: number;
}

/**
 * The monitoring database through TypeORM: SQLite (better-sqlite3, WAL journal) or PostgreSQL
 * (pg). The schema comes from versioned migrations (never `synchronize`); batches are written as
 * multi-row `INSERT … ON CONFLICT` statements in one transaction on one long-lived connection.
 * Parsl: parsl.monitoring.db_manager.Database
 */
export class TypeOrmMonitoringStore implements MonitoringStore {
  public readonly location: string;
  private readonly target: DatabaseLocation;
  private readonly dialect: Dialect;
  private dataSource: DataSource | undefined;
  private writer: QueryRunner | undefined;
  private reads: ReadQueries | undefined;
  private writes: Promise<void> = Promise.resolve();
  /** SQLite: writes a batch on the raw connection in one synchronous transaction. */
  private sqliteWrite: ((statements: readonly Statement[]) => void) | undefined;

  public constructor(private readonly options: TypeOrmMonitoringStoreOptions) {
    this.target = parseDatabaseUrl(options.url);
    this.location = describeLocation(this.target);
    this.dialect = this.target.kind === 'sqlite' ? 'sqlite' : 'postgres';
  }

  public async open(): Promise<void> {
    if (this.dataSource?.isInitialized === true) {
      return;
    }
    const { DataSource } = await import('typeorm');
    const { MONITORING_ENTITIES } = await import('./typeorm/entities.js');
    const { MONITORING_MIGRATIONS } = await import('./typeorm/migrations/V1InitialSchema.js');
    const common = {
      entities: MONITORING_ENTITIES,
      migrations: MONITORING_MIGRATIONS,
      migrationsTableName: 'monitoring_migrations',
      synchronize: false,
      logging: false,
    } as const;
    let dataSourceOptions: DataSourceOptions;
    if (this.target.kind === 'sqlite') {
      const path = this.sqlitePath(this.target.path);
      if (path !== ':memory:' && this.options.readonly !== true) {
        await mkdir(dirname(path), { recursive: true }).catch((error: unknown) => {
          throw new MonitoringError(
            `TypeOrmMonitoringStore.open: cannot create the directory of ${this.location} (${describeCause(error)}). Check monitoring.loggingEndpoint.`,
            { cause: error },
          );
        });
      }
      dataSourceOptions = {
        ...common,
        type: 'better-sqlite3',
        database: path,
        readonly: this.options.readonly ?? false,
        fileMustExist: this.options.readonly ?? false,
        timeout: this.options.busyTimeoutMs ?? 5000,
        enableWAL: this.options.readonly !== true && path !== ':memory:',
        statementCacheSize: 200,
      };
    } else {
      const schema = this.options.schema;
      dataSourceOptions = {
        ...common,
        type: 'postgres',
        url: this.target.url,
        ...(schema === undefined ? {} : { schema, extra: { options: `-c search_path=${schema}` } }),
      };
    }
    const dataSource = new DataSource(dataSourceOptions);
    try {
      await dataSource.initialize();
      if (this.options.schema !== undefined && this.target.kind === 'postgres') {
        await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${this.options.schema}"`);
      }
      if (this.options.readonly !== true) {
        await dataSource.runMigrations({ transaction: 'each' });
      }
    } catch (error: unknown) {
      if (dataSource.isInitialized) {
        await dataSource.destroy().catch(() => undefined);
      }
      throw new MonitoringError(
        `TypeOrmMonitoringStore.open: cannot open ${this.location} (${describeCause(error)}). Check monitoring.loggingEndpoint and that the database server is running.`,
        { cause: error },
      );
    }
    this.dataSource = dataSource;
    this.sqliteWrite =
      this.target.kind === 'sqlite'
        ? sqliteBatchWriter(
            (dataSource.driver as { databaseConnection?: unknown }).databaseConnection,
          )
        : undefined;
    this.reads = new ReadQueries((sql, params) => this.query('read', sql, params), this.dialect);
  }

  /** Writes one at a time on the single writer connection (callers may overlap). */
  public write(batch: MonitoringBatch): Promise<void> {
    const next = this.writes.then(() => this.writeNow(batch));
    this.writes = next.catch(() => undefined);
    return next;
  }

  private async writeNow(batch: MonitoringBatch): Promise<void> {
    const statements = batchStatements(this.dialect, batch);
    if (statements.length === 0) {
      return;
    }
    const dataSource = this.requireOpen('write');
    if (this.sqliteWrite !== undefined) {
      try {
        this.sqliteWrite(statements);
        return;
      } catch (error: unknown) {
        throw this.rejected(batch, error);
      }
    }
    this.writer ??= dataSource.createQueryRunner();
    const writer = this.writer;
    try {
      await writer.startTransaction();
      for (const statement of statements) {
        await writer.query(statement.sql, statement.params);
      }
      await writer.commitTransaction();
    } catch (error: unknown) {
      if (writer.isTransactionActive) {
        await writer.rollbackTransaction().catch(() => undefined);
      }
      // A broken connection (server restarted) is replaced on the next write.
      this.writer = undefined;
      await writer.release().catch(() => undefined);
      throw this.rejected(batch, error);
    }
  }

  private rejected(batch: MonitoringBatch, error: unknown): MonitoringError {
    const rows = Object.values(batch).reduce(
      (n: number, rows: readonly unknown[]) => n + rows.length,
      0,
    );
    return new MonitoringError(
      `TypeOrmMonitoringStore.write: batch of ${rows} rows rejected by ${this.location} (${describeCause(error)})`,
      { cause: error },
    );
  }

  public listWorkflows(): Promise<WorkflowSummary[]> {
    return this.requireReads().listWorkflows();
  }

  public getWorkflow(runId: string): Promise<WorkflowSummary | undefined> {
    return this.requireReads().getWorkflow(runId);
  }

  public appSummary(runId: string): Promise<AppSummary[]> {
    return this.requireReads().appSummary(runId);
  }

  public appNames(runId: string): Promise<string[]> {
    return this.requireReads().appNames(runId);
  }

  public stateCounts(runId: string): Promise<Record<string, number>> {
    return this.requireReads().stateCounts(runId);
  }

  public getTask(runId: string, taskId: number): Promise<TaskRow | undefined> {
    return this.requireReads().getTask(runId, taskId);
  }

  public listTasks(runId: string, page: PageRequest): Promise<Page<TaskRow>> {
    return this.requireReads().listTasks(runId, page);
  }

  public listTries(runId: string, page: PageRequest): Promise<Page<TryRow>> {
    return this.requireReads().listTries(runId, page);
  }

  public taskHistory(runId: string, taskId: number): Promise<StatusRow[]> {
    return this.requireReads().taskHistory(runId, taskId);
  }

  public listBlocks(runId: string): Promise<BlockRow[]> {
    return this.requireReads().listBlocks(runId);
  }

  public resourceUsage(runId: string, buckets: number): Promise<ResourceBucket[]> {
    return this.requireReads().resourceUsage(runId, buckets);
  }

  public rowCounts(runId: string): Promise<RowCounts> {
    return this.requireReads().rowCounts(runId);
  }

  public async close(): Promise<void> {
    const dataSource = this.dataSource;
    this.dataSource = undefined;
    this.sqliteWrite = undefined;
    this.reads = undefined;
    const writer = this.writer;
    this.writer = undefined;
    await writer?.release().catch(() => undefined);
    if (dataSource?.isInitialized === true) {
      await dataSource.destroy();
    }
  }

  private sqlitePath(path: string): string {
    if (path === ':memory:' || isAbsolute(path)) {
      return path;
    }
    return resolve(this.options.baseDir ?? process.cwd(), path);
  }

  private requireOpen(operation: string): DataSource {
    if (this.dataSource?.isInitialized !== true) {
      throw new MonitoringError(
        `TypeOrmMonitoringStore.${operation}: the store is not open (${this.location}). Call open() first.`,
      );
    }
    return this.dataSource;
  }

  private requireReads(): ReadQueries {
    this.requireOpen('read');
    if (this.reads === undefined) {
      throw new MonitoringError(
        `TypeOrmMonitoringStore.read: the store is not open (${this.location})`,
      );
    }
    return this.reads;
  }

  private async query(operation: string, sql: string, params: unknown[]): Promise<unknown[]> {
    const dataSource = this.requireOpen(operation);
    try {
      return (await dataSource.query(sql, params)) as unknown[];
    } catch (error: unknown) {
      throw new MonitoringError(
        `TypeOrmMonitoringStore.${operation}: query failed on ${this.location} (${describeCause(error)})`,
        { cause: error },
      );
    }
  }
}

const describeCause = (error: unknown): string =>
  error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
