import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkerMonitoringStore } from '../../../src/adapters/monitoring/WorkerMonitoringStore.js';
import { MonitoringError } from '../../../src/domain/errors/MonitoringErrors.js';
import { describeMonitoringStoreContract } from '../../contract/monitoringStoreContract.js';
import { describeWithService } from '../../support/describeWithService.js';
import { dropSchema, PG_HOW_TO, PG_URL, postgresAvailable } from '../../support/postgres.js';

describeMonitoringStoreContract(`${WorkerMonitoringStore.name} (SQLite)`, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'parsl-wmon-'));
  return {
    store: new WorkerMonitoringStore({ url: `sqlite:///${join(dir, 'monitoring.db')}` }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

const pgUp = await postgresAvailable();
describeWithService(`${WorkerMonitoringStore.name} (PostgreSQL)`, pgUp, PG_HOW_TO, () => {
  describeMonitoringStoreContract(`${WorkerMonitoringStore.name} (PostgreSQL)`, async () => {
    const schema = `w_${process.pid}_${Date.now()}`;
    return {
      store: new WorkerMonitoringStore({ url: PG_URL, schema }),
      cleanup: () => dropSchema(schema),
    };
  });
});

describe(`${WorkerMonitoringStore.name} errors`, () => {
  it('passes a failed open back as a MonitoringError with the worker-side reason', async () => {
    const store = new WorkerMonitoringStore({ url: 'postgresql://u:pw@127.0.0.1:9/db' });
    const error = await store.open().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MonitoringError);
    expect((error as Error).message).toMatch(
      /cannot open postgresql:\/\/u:\*\*\*@127\.0\.0\.1:9\/db/,
    );
    await store.close();
  });
});
