import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { TypeOrmMonitoringStore } from '../../adapters/monitoring/TypeOrmMonitoringStore.js';
import type { MonitoringStore } from '../../ports/MonitoringStore.js';
import type { MonitoringConfig } from '../config/MonitoringConfig.js';

/** The database a config records to: `loggingEndpoint`, or SQLite at `<runDir>/monitoring.db`. */
export const monitoringDatabaseUrl = (
  config: Pick<MonitoringConfig, 'loggingEndpoint'>,
  baseRunDir: string,
): string => config.loggingEndpoint ?? join(baseRunDir, 'monitoring.db');

/**
 * The store a config asks for, on this thread (`storeInWorkerThread: false`): `loggingEndpoint`,
 * or SQLite at `<runDir>/monitoring.db` where runDir is the config's base run directory (so every
 * run lands in one database, as in Parsl).
 */
export const createMonitoringStore = (
  config: Pick<MonitoringConfig, 'loggingEndpoint'>,
  baseRunDir: string,
): MonitoringStore =>
  new TypeOrmMonitoringStore({ url: monitoringDatabaseUrl(config, baseRunDir) });

/**
 * Whether the hub runs in a worker thread: the setting, or for 'auto' whether the process may use
 * at least 4 CPUs (with fewer, the thread's writes compete with the kernel and its garbage
 * collector for the same cores; see docs/decisions/monitoring.md).
 */
export const hubInWorkerThread = (
  setting: MonitoringConfig['storeInWorkerThread'],
  cpus: number = availableParallelism(),
): boolean => (setting === 'auto' ? cpus >= 4 : setting);
