/**
 * Measures the resource use of a running task's process (and its children), for monitoring.
 * Lifecycle: one per hub; executors (through the monitoring handle) ask for samples of a pid at
 * `resourceMonitoringInterval` and call `forget(pid)` when the task ends.
 * Parsl: parsl.monitoring.remote.monitor (psutil)
 */

/** One measurement of a process tree. Times are cumulative seconds; sizes are bytes. */
export interface ProcessSample {
  readonly pid: number;
  /** Milliseconds since the epoch. */
  readonly timestamp: number;
  /** CPU use since the previous sample of this pid (0 for the first), percent of one core. */
  readonly cpuPercent: number;
  readonly timeUser: number;
  readonly timeSystem: number;
  readonly memoryResident: number;
  readonly memoryVirtual: number;
  readonly diskRead: number;
  readonly diskWrite: number;
  readonly childrenCount: number;
}

export interface ResourceSampler {
  /** A sample of `pid` and its descendants, or undefined when the process is gone. */
  sample(pid: number): Promise<ProcessSample | undefined>;
  /** Drops what is remembered about `pid` (its previous CPU times). */
  forget(pid: number): void;
}
