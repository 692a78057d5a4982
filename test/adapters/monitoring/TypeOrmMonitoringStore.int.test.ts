import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { TypeOrmMonitoringStore } from '../../../src/adapters/monitoring/TypeOrmMonitoringStore.js';
import { MONITORING_ENTITIES } from '../../../src/adapters/monitoring/typeorm/entities.js';
import { MONITORING_MIGRATIONS } from '../../../src/adapters/monitoring/typeorm/migrations/V1InitialSchema.js';
import { MonitoringError } from '../../../src/domain/errors/MonitoringErrors.js';
import { describeMonitoringStoreContract } from '../../contract/monitoringStoreContract.js';
import { describeWithService } from '../../support/describeWithService.js';
import { dropSchema, PG_HOW_TO, PG_URL, postgresAvailable } from '../../support/postgres.js';

const sqliteStore = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'parsl-mon-'));
  return {
    dir,
    store: new TypeOrmMonitoringStore({
      url: `sqlite:///${join(dir, 'runinfo', 'monitoring.db')}`,
    }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
};

describeMonitoringStoreContract(`${TypeOrmMonitoringStore.name} (SQLite)`, sqliteStore);

const pgUp = await postgresAvailable();
let schemas = 0;
const pgSchema = () => `t_${process.pid}_${Date.now()}_${schemas++}`;

describeWithService(`${TypeOrmMonitoringStore.name} (PostgreSQL)`, pgUp, PG_HOW_TO, () => {
  describeMonitoringStoreContract(`${TypeOrmMonitoringStore.name} (PostgreSQL)`, async () => {
    const schema = pgSchema();
    return {
      store: new TypeOrmMonitoringStore({ url: PG_URL, schema }),
      cleanup: () => dropSchema(schema),
    };
  });

  it('creates by migration exactly the schema of the entities', async () => {
    const schema = pgSchema();
    const store = new TypeOrmMonitoringStore({ url: PG_URL, schema });
    await store.open();
    await store.close();
    const ds = new DataSource({
      type: 'postgres',
      url: PG_URL,
      schema,
      entities: MONITORING_ENTITIES,
      migrations: MONITORING_MIGRATIONS,
      migrationsTableName: 'monitoring_migrations',
    });
    await ds.initialize();
    try {
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
      await dropSchema(schema);
    }
  });
});

describe(`${TypeOrmMonitoringStore.name} (SQLite specifics)`, () => {
  it('creates by migration exactly the schema of the entities', async () => {
    const { dir, store, cleanup } = await sqliteStore();
    await store.open();
    await store.close();
    const ds = new DataSource({
      type: 'better-sqlite3',
      database: join(dir, 'runinfo', 'monitoring.db'),
      entities: MONITORING_ENTITIES,
    });
    await ds.initialize();
    try {
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
      await cleanup();
    }
  });

  it('keeps data across reopen and applies each migration once', async () => {
    const { store, cleanup } = await sqliteStore();
    await store.open();
    await store.write({
      workflows: [],
      tasks: [],
      tries: [],
      statuses: [{ runId: 'r', taskId: 1, tryId: 0, state: 'pending', timestamp: 1 }],
      blocks: [],
      nodes: [],
      resources: [],
    });
    await store.close();
    await store.open();
    expect((await store.rowCounts('r')).statuses).toBe(1);
    await store.close();
    await cleanup();
  });

  it('opens read-only without creating a missing file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parsl-mon-'));
    const store = new TypeOrmMonitoringStore({ url: join(dir, 'absent.db'), readonly: true });
    await expect(store.open()).rejects.toThrow(/cannot open sqlite:.*absent\.db/);
    await rm(dir, { recursive: true, force: true });
  });

  it('reports an unreachable PostgreSQL server as a MonitoringError naming it without the password', async () => {
    const store = new TypeOrmMonitoringStore({ url: 'postgresql://u:secret@127.0.0.1:9/db' });
    const error = await store.open().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MonitoringError);
    expect(String((error as Error).message)).toMatch(/postgresql:\/\/u:\*\*\*@127\.0\.0\.1:9\/db/);
    expect(String((error as Error).message)).not.toContain('secret');
  });
});
