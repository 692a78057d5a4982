import type { ResourceSampler } from '../../ports/ResourceSampler.js';
import type { ResourceSampleEvent } from './MonitoringInput.js';

/**
 * Samples processes for a hub (`watchProcess`): each watched pid now and every interval, as a
 * try of a task, until its stop function is called, the process is gone, or `stopAll()`.
 */
export class ProcessWatchers {
  private readonly timers = new Map<number, NodeJS.Timeout>();

  /**
   * @param sampler without one, `watch` does nothing
   * @param record receives every sample
   */
  public constructor(
    private readonly sampler: ResourceSampler | undefined,
    private readonly intervalMs: number,
    private readonly record: (sample: ResourceSampleEvent) => void,
  ) {}

  /** Samples `pid` as try `tryId` of task `taskId`; call the returned function to stop. */
  public watch(taskId: number, tryId: number, pid: number): () => void {
    const sampler = this.sampler;
    if (sampler === undefined) return () => undefined;
    const sample = async (): Promise<void> => {
      const s = await sampler.sample(pid).catch(() => undefined);
      if (s === undefined) {
        stop();
        return;
      }
      this.record({ type: 'resource', taskId, tryId, ...s });
    };
    const timer = setInterval(() => void sample(), this.intervalMs);
    timer.unref();
    this.timers.set(pid, timer);
    const stop = (): void => {
      clearInterval(timer);
      if (this.timers.get(pid) === timer) this.timers.delete(pid);
      sampler.forget(pid);
    };
    void sample();
    return stop;
  }

  public stopAll(): void {
    for (const timer of this.timers.values()) clearInterval(timer);
    this.timers.clear();
  }
}
