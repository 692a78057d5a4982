import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  frameTaskId,
  readTaskFrame,
  splitMonitoredTask,
} from '../../../../src/adapters/executors/htex/protocol.js';
import {
  type ResourceReportSink,
  TaskResourceMonitor,
} from '../../../../src/adapters/executors/htex/TaskResourceMonitor.js';
import { encodeTaskFrame } from '../../../../src/adapters/executors/htex/taskCodec.js';
import { parseWorkerReport } from '../../../../src/app/monitoring/parseWorkerReport.js';
import type { ExecutorTask } from '../../../../src/ports/Executor.js';
import type { ProcessSample, ResourceSampler } from '../../../../src/ports/ResourceSampler.js';

/** Samples of live pids (cpu time grows by 1 s per sample); pids in `dead` are gone. */
class CountingSampler implements ResourceSampler {
  public readonly sampled: number[] = [];
  public readonly dead = new Set<number>();

  public async sample(pid: number): Promise<ProcessSample | undefined> {
    if (this.dead.has(pid)) return undefined;
    this.sampled.push(pid);
    return {
      pid,
      timestamp: 1_000 + this.sampled.length,
      cpuPercent: 50,
      timeUser: this.sampled.length,
      timeSystem: 0.5,
      memoryResident: 1024,
      memoryVirtual: 2048,
      diskRead: 0,
      diskWrite: 0,
      childrenCount: 0,
    };
  }

  public forget(): void {}
}

class RecordingSink implements ResourceReportSink {
  public readonly sent: unknown[] = [];
  public closed = false;
  public send(message: unknown): void {
    this.sent.push(message);
  }
  public close(): void {
    this.closed = true;
  }
}

const task = (id: number, tryId: number): ExecutorTask => ({
  id,
  tryId,
  appName: 'busy',
  payload: { kind: 'bash', command: 'true', outputs: [] },
});

describe('monitored task frames', () => {
  it('carry the kernel ids after the wire id and split back into a plain task frame', () => {
    const monitored = encodeTaskFrame('htex', task(70_000, 3), 42, true);
    const plain = encodeTaskFrame('htex', task(70_000, 3), 42);
    expect(monitored.length).toBe(plain.length + 8);
    const split = splitMonitoredTask(monitored);
    expect(split).toMatchObject({ taskId: 70_000, tryId: 3 });
    expect(split?.frame.equals(plain)).toBe(true);
    expect(readTaskFrame(split?.frame ?? Buffer.alloc(0))?.taskId).toBe(42);
  });

  it('refuses a record too short to hold the ids', () => {
    expect(splitMonitoredTask(Buffer.alloc(11))).toBeUndefined();
  });
});

describe(TaskResourceMonitor.name, () => {
  let sampler: CountingSampler;
  let sink: RecordingSink;
  let monitor: TaskResourceMonitor;

  beforeEach(() => {
    vi.useFakeTimers();
    sampler = new CountingSampler();
    sink = new RecordingSink();
    monitor = new TaskResourceMonitor(200, sampler, sink);
  });
  afterEach(() => {
    monitor.close();
    vi.useRealTimers();
  });

  it('samples the worker at task start, every interval while it runs, and once at the end', async () => {
    const frame = monitor.accept(encodeTaskFrame('htex', task(9, 1), 5, true));
    expect(frameTaskId(frame)).toBe(5);
    monitor.running(0, 4242, 5);
    await vi.advanceTimersByTimeAsync(0);
    expect(sink.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(450);
    expect(sink.sent).toHaveLength(3);
    monitor.running(0, 4242, undefined);
    monitor.finished(5);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sink.sent).toHaveLength(4);
    expect(monitor.runningCount).toBe(0);
    const reports = sink.sent.map(parseWorkerReport);
    for (const report of reports)
      expect(report).toMatchObject({ type: 'resource', taskId: 9, tryId: 1, pid: 4242 });
  });

  it('follows each worker to its next task and ignores tasks it has no ids for', async () => {
    monitor.accept(encodeTaskFrame('htex', task(1, 0), 1, true));
    monitor.accept(encodeTaskFrame('htex', task(2, 0), 2, true));
    monitor.running(0, 100, 1);
    monitor.running(1, 101, 2);
    monitor.running(0, 100, 1);
    monitor.running(0, 100, 77);
    await vi.advanceTimersByTimeAsync(0);
    expect(sink.sent.map((m) => (m as { taskId: number }).taskId).sort()).toEqual([1, 1, 2]);
    expect(monitor.runningCount).toBe(1);
  });

  it('sends nothing for a worker that died, and closes its sink', async () => {
    monitor.accept(encodeTaskFrame('htex', task(3, 2), 3, true));
    sampler.dead.add(555);
    monitor.running(0, 555, 3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sink.sent).toEqual([]);
    monitor.close();
    expect(sink.closed).toBe(true);
  });
});
