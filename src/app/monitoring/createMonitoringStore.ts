import { join } from 'node:path';
import { WorkerMonitoringStore } from '../../adapters/monitoring/WorkerMonitoringStore.js';
import type { MonitoringStore } from '../../ports/MonitoringStore.js';
import type { MonitoringConfig } from '../config/MonitoringConfig.js';

/**
 * The store a config asks for: `loggingEndpoint`, or SQLite at `<runDir>/monitoring.db` where
 * runDir is the config's base run directory (so every run lands in one database, as in Parsl).
 * The store runs in a worker thread, off the kernel's event loop.
 */
export const createMonitoringStore = (
  config: Pick<MonitoringConfig, 'loggingEndpoint'>,
  baseRunDir: string,
): MonitoringStore =>
  new WorkerMonitoringStore({ url: config.loggingEndpoint ?? join(baseRunDir, 'monitoring.db') });
