import { join } from 'node:path';
import { TypeOrmMonitoringStore } from '../../adapters/monitoring/TypeOrmMonitoringStore.js';
import { WorkerMonitoringStore } from '../../adapters/monitoring/WorkerMonitoringStore.js';
import type { MonitoringStore } from '../../ports/MonitoringStore.js';
import type { MonitoringConfig } from '../config/MonitoringConfig.js';

/**
 * The store a config asks for: `loggingEndpoint`, or SQLite at `<runDir>/monitoring.db` where
 * runDir is the config's base run directory (so every run lands in one database, as in Parsl);
 * in a worker thread when `storeInWorkerThread` is set.
 */
export const createMonitoringStore = (
  config: Pick<MonitoringConfig, 'loggingEndpoint' | 'storeInWorkerThread'>,
  baseRunDir: string,
): MonitoringStore => {
  const url = config.loggingEndpoint ?? join(baseRunDir, 'monitoring.db');
  return config.storeInWorkerThread
    ? new WorkerMonitoringStore({ url })
    : new TypeOrmMonitoringStore({ url });
};
