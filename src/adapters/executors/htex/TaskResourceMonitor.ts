import type { WorkerMonitoringTarget } from '../../../ports/Executor.js';
import type { ResourceSampler } from '../../../ports/ResourceSampler.js';
import { ProcResourceSampler } from '../../monitoring/ProcResourceSampler.js';
import { UdpMonitoringSender } from '../../monitoring/UdpMonitoringSender.js';
import { splitMonitoredTask } from './protocol.js';

/** Where resource reports go (the UDP radio sender, or a recorder in tests). */
export interface ResourceReportSink {
  send(message: unknown): void;
  close(): void;
}

interface Running {
  readonly wireId: number;
  readonly taskId: number;
  readonly tryId: number;
  readonly pid: number;
  sampling: boolean;
}

/**
 * The pool's resource monitoring (only built when the interchange's registration reply carries
 * the hub's radio): remembers the kernel's task/try ids of monitored task records, samples the
 * worker process (and its children) that runs each task when the task starts, every interval
 * while it runs and once when it ends, and sends each sample as a signed `resource` report.
 * One timer for the whole pool, running only while some worker runs a task.
 * Parsl: parsl.monitoring.remote.monitor_wrapper (resource_monitoring_interval)
 */
export class TaskResourceMonitor {
  private readonly ids = new Map<number, { taskId: number; tryId: number }>();
  private readonly current = new Map<number, Running>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  public constructor(
    private readonly intervalMs: number,
    private readonly sampler: ResourceSampler,
    private readonly sink: ResourceReportSink,
  ) {}

  /**
   * A monitor reporting to the hub's radio.
   * @throws {Error} when the radio URL is not `udp://host:port`
   */
  public static forTarget(target: WorkerMonitoringTarget): TaskResourceMonitor {
    const sender = UdpMonitoringSender.fromEnv({
      PARSL_MONITORING_HUB_URL: target.url,
      PARSL_MONITORING_HUB_KEY: target.key,
    });
    if (sender === undefined)
      throw new Error(
        `monitoring radio ${JSON.stringify(target.url)} is not udp://host:port with a key`,
      );
    return new TaskResourceMonitor(
      Math.max(10, target.intervalSeconds * 1000),
      new ProcResourceSampler(),
      sender,
    );
  }

  /** Takes the kernel's ids off a monitored task record; returns the plain task frame. */
  public accept(record: Buffer): Buffer {
    const split = splitMonitoredTask(record);
    if (split === undefined) return record;
    const wireId = split.frame.readUInt32LE(0);
    this.ids.set(wireId, { taskId: split.taskId, tryId: split.tryId });
    return split.frame;
  }

  /**
   * What worker `rank` (process `pid`) runs now: `wireId` of its running task, undefined when
   * idle. A change ends the previous task (final sample) and starts the new one (first sample).
   */
  public running(rank: number, pid: number | undefined, wireId: number | undefined): void {
    const before = this.current.get(rank);
    if (before !== undefined && before.wireId === wireId && before.pid === pid) return;
    if (before !== undefined) {
      this.current.delete(rank);
      void this.report(before);
    }
    const ids = wireId === undefined ? undefined : this.ids.get(wireId);
    if (ids !== undefined && pid !== undefined && wireId !== undefined) {
      const entry: Running = { wireId, ...ids, pid, sampling: false };
      this.current.set(rank, entry);
      void this.report(entry);
    }
    this.schedule();
  }

  /** A task's result left the pool (or the task was lost): its ids are no longer needed. */
  public finished(wireId: number): void {
    this.ids.delete(wireId);
  }

  /** Tasks being sampled now (for tests and logs). */
  public get runningCount(): number {
    return this.current.size;
  }

  public close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.current.clear();
    this.ids.clear();
    this.sink.close();
  }

  private schedule(): void {
    if (this.current.size > 0 && this.timer === undefined) {
      this.timer = setInterval(() => {
        for (const entry of this.current.values()) if (!entry.sampling) void this.report(entry);
      }, this.intervalMs);
      this.timer.unref();
    } else if (this.current.size === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private async report(entry: Running): Promise<void> {
    entry.sampling = true;
    try {
      const sample = await this.sampler.sample(entry.pid);
      // A process without resident memory is exiting (the pool is stopping it): no sample.
      if (sample !== undefined && sample.memoryResident > 0 && !this.closed)
        this.sink.send({ type: 'resource', taskId: entry.taskId, tryId: entry.tryId, ...sample });
    } catch {
      // Best effort, as Parsl's monitor: a sample that fails is skipped.
    } finally {
      entry.sampling = false;
    }
  }
}
