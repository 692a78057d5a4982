import type { KernelEvent } from '../../domain/task/TaskEvent.js';
import type { ProcessSample } from '../../ports/ResourceSampler.js';

/** A resource sample of one try's process (from a sampler or a worker). */
export interface ResourceSampleEvent extends ProcessSample {
  readonly type: 'resource';
  readonly taskId: number;
  readonly tryId: number;
}

/** A worker pool (manager) registered or changed capacity. Parsl: NODE_INFO. */
export interface NodeInfoEvent {
  readonly type: 'node-info';
  readonly executor: string;
  readonly hostname: string;
  /** The manager's id. */
  readonly uid: string;
  readonly blockId: string | null;
  readonly cpuCount: number;
  readonly totalMemory: number;
  readonly active: boolean;
  readonly workerCount: number;
  readonly at: number;
}

/** Everything the monitoring hub records: the kernel's events plus worker-side reports. */
export type MonitoringInput = KernelEvent | ResourceSampleEvent | NodeInfoEvent;
