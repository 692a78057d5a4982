import { plainToInstance } from 'class-transformer';
import { describe, expect, it } from 'vitest';
import { TypeOrmMonitoringStore } from '../../../src/adapters/monitoring/TypeOrmMonitoringStore.js';
import { MonitoringConfig } from '../../../src/app/config/MonitoringConfig.js';
import {
  createMonitoringStore,
  hubInWorkerThread,
  monitoringDatabaseUrl,
} from '../../../src/app/monitoring/createMonitoringStore.js';

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

  it('gives the hub thread the same database URL', () => {
    expect(monitoringDatabaseUrl(config({}), '/tmp/x/runinfo')).toBe(
      '/tmp/x/runinfo/monitoring.db',
    );
    expect(monitoringDatabaseUrl(config({ loggingEndpoint: 'sqlite:///m.db' }), 'runinfo')).toBe(
      'sqlite:///m.db',
    );
  });

  it("puts the hub in a thread when asked, or by default ('auto') with at least 4 CPUs", () => {
    expect(config({}).storeInWorkerThread).toBe('auto');
    expect(hubInWorkerThread('auto', 4)).toBe(true);
    expect(hubInWorkerThread('auto', 2)).toBe(false);
    expect(hubInWorkerThread(true, 1)).toBe(true);
    expect(hubInWorkerThread(false, 64)).toBe(false);
  });
});
