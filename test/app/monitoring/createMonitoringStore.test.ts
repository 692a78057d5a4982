import { plainToInstance } from 'class-transformer';
import { describe, expect, it } from 'vitest';
import { TypeOrmMonitoringStore } from '../../../src/adapters/monitoring/TypeOrmMonitoringStore.js';
import { WorkerMonitoringStore } from '../../../src/adapters/monitoring/WorkerMonitoringStore.js';
import { MonitoringConfig } from '../../../src/app/config/MonitoringConfig.js';
import { createMonitoringStore } from '../../../src/app/monitoring/createMonitoringStore.js';

const config = (input: Record<string, unknown>) => plainToInstance(MonitoringConfig, input);

describe(createMonitoringStore.name, () => {
  it('defaults to SQLite at <runDir>/monitoring.db (Parsl: sqlite:///<run_dir>/monitoring.db)', () => {
    const store = createMonitoringStore(config({}), '/tmp/x/runinfo');
    expect(store).toBeInstanceOf(TypeOrmMonitoringStore);
    expect(store.location).toBe('sqlite:/tmp/x/runinfo/monitoring.db');
  });

  it('uses loggingEndpoint, hiding its password', () => {
    const store = createMonitoringStore(
      config({ loggingEndpoint: 'postgresql://p:secret@db:5432/mon' }),
      'runinfo',
    );
    expect(store.location).toBe('postgresql://p:***@db:5432/mon');
  });

  it('puts the store in a worker thread when asked', () => {
    expect(createMonitoringStore(config({ storeInWorkerThread: true }), 'runinfo')).toBeInstanceOf(
      WorkerMonitoringStore,
    );
  });
});
