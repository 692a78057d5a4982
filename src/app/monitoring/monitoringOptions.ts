import { ProcResourceSampler } from '../../adapters/monitoring/ProcResourceSampler.js';
import type { MonitoringConfig } from '../config/MonitoringConfig.js';
import type { AttachMonitoringOptions } from './attachMonitoring.js';

/** The hub options a MonitoringConfig stands for (with a /proc sampler when resources are on). */
export const monitoringOptions = (config: MonitoringConfig): AttachMonitoringOptions => ({
  ...(config.workflowName === undefined ? {} : { workflowName: config.workflowName }),
  ...(config.workflowVersion === undefined ? {} : { workflowVersion: config.workflowVersion }),
  batchSize: config.batchSize,
  maxWaitingRows: config.maxWaitingRows,
  flushIntervalMs: config.flushIntervalMs,
  bufferCapacity: config.bufferCapacity,
  closeTimeoutMs: config.closeTimeoutMs,
  resourceIntervalMs: Math.round(config.resourceMonitoringInterval * 1000),
  ...(config.resourceMonitoringEnabled ? { sampler: new ProcResourceSampler({}) } : {}),
});
