import type { Worker } from 'node:worker_threads';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../../../bench/support/syntheticRun.js';
import { TypeOrmMonitoringStore } from '../../../src/adapters/monitoring/TypeOrmMonitoringStore.js';
import { attachMonitoringInThread } from '../../../src/app/monitoring/attachMonitoring.js';
import { MonitoringHubThread } from '../../../src/app/monitoring/MonitoringHubThread.js';
import type { MonitoringInput } from '../../../src/app/monitoring/MonitoringInput.js';
import { MonitoringError } from '../../../src/domain/errors/MonitoringErrors.js';
import { RecordingLogger } from '../../support/RecordingLogger.js';
import { scratchFiles } from '../../support/scratchFiles.js';
import { until } from '../../support/until.js';

const dbFile = scratchFiles('parsl-hub-thread-');
const newDbFile = () => dbFile('monitoring.db');
const rowCounts = async (file: string, runId: string) => {
  const reader = new TypeOrmMonitoringStore({ url: file, readonly: true });
  await reader.open();
  try {
    return {
      counts: await reader.rowCounts(runId),
      workflow: await reader.getWorkflow(runId),
    };
  } finally {
    await reader.close();
  }
};

const block = {
  type: 'block-status',
  executor: 'htex',
  blockId: '0',
  state: 'RUNNING',
  previous: 'PENDING',
  at: 0,
} as const satisfies MonitoringInput;
const sample = {
  type: 'resource',
  taskId: 0,
  tryId: 0,
  pid: 4242,
  timestamp: 0,
  cpuPercent: 12.5,
  timeUser: 1,
  timeSystem: 0.5,
  memoryResident: 1e7,
  memoryVirtual: 5e7,
  diskRead: 0,
  diskWrite: 4096,
  childrenCount: 0,
} as const satisfies MonitoringInput;

describe(`${MonitoringHubThread.name} (attachMonitoringInThread)`, () => {
  it('records 20,000 tasks, with blocks and resource samples among them, in exactly the expected rows', async () => {
    const file = await newDbFile();
    const events$ = new Subject<MonitoringInput>();
    const logger = new RecordingLogger();
    const handle = await attachMonitoringInThread(
      events$,
      { url: `sqlite:///${file}` },
      { workflowName: 'bulk', maxWaitingRows: 30_000 },
      logger,
    );
    const { events, expected } = syntheticRun(20_000, 'bulk-run');
    let others = 0;
    for (const [i, e] of events.entries()) {
      events$.next(e);
      // The event loop turns now and then: past maxWaitingRows, the events go over in parts.
      if (i % 10_000 === 0) await new Promise((r) => setImmediate(r));
      if (i % 5000 !== 1) continue;
      // Other inputs among the task states: they go to the thread beside the columns.
      others += 2;
      events$.next({ ...block, blockId: String(i), at: e.at });
      events$.next({ ...sample, taskId: i, timestamp: e.at });
    }
    await handle.close();
    const { counts, workflow } = await rowCounts(file, 'bulk-run');
    expect(counts).toEqual({
      tasks: expected.tasks,
      tries: expected.tries,
      statuses: expected.statuses,
      blocks: others / 2,
      nodes: 0,
      resources: others / 2,
    });
    expect(workflow).toMatchObject({
      workflowName: 'bulk',
      tasksCompletedCount: expected.completed,
      tasksFailedCount: expected.failed,
      tasksActive: 0,
    });
    expect(handle.getStats()).toMatchObject({
      received: events.length + others,
      buffered: 0,
      dropped: 0,
    });
    expect(logger.messages('info').some((m) => m.includes('from a worker thread'))).toBe(true);
  });

  it('has the rows written once flush() settles, without waiting for the interval', async () => {
    const file = await newDbFile();
    const events$ = new Subject<MonitoringInput>();
    const handle = await attachMonitoringInThread(
      events$,
      { url: file },
      { flushIntervalMs: 60_000 },
      new RecordingLogger(),
    );
    const { events, expected } = syntheticRun(500, 'flushed-run');
    for (const e of events) events$.next(e);
    await handle.flush();
    expect((await rowCounts(file, 'flushed-run')).counts.statuses).toBe(expected.statuses);
    await handle.close();
  });

  it('hands over past maxWaitingRows when the event loop turns, long before the flush interval', async () => {
    const file = await newDbFile();
    const events$ = new Subject<MonitoringInput>();
    const handle = await attachMonitoringInThread(
      events$,
      { url: file },
      { maxWaitingRows: 1000, flushIntervalMs: 60_000 },
      new RecordingLogger(),
    );
    const { events } = syntheticRun(2000, 'many-run');
    for (const e of events) events$.next(e);
    expect(handle.getStats().written).toBe(0); // nothing handed over inside the logging calls
    await until(() => handle.getStats().written > 0);
    await handle.close();
  });

  it('samples watched processes on this thread and records the samples through the thread', async () => {
    const file = await newDbFile();
    const { type: _type, taskId: _taskId, tryId: _tryId, ...processSample } = sample;
    const sampled: number[] = [];
    const sampler = {
      sample: async (pid: number) => {
        sampled.push(pid);
        return sampled.length > 3 ? undefined : { ...processSample, pid, timestamp: Date.now() };
      },
      forget: () => undefined,
    };
    const events$ = new Subject<MonitoringInput>();
    const handle = await attachMonitoringInThread(
      events$,
      { url: file },
      { runId: 'sampled-run', runDir: '/tmp/sampled', sampler, resourceIntervalMs: 10 },
      new RecordingLogger(),
    );
    handle.watchProcess(7, 0, 4321);
    await until(() => sampled.length > 3); // the fourth sample finds the process gone
    await handle.close();
    expect((await rowCounts(file, 'sampled-run')).counts.resources).toBe(3);
  });

  it('reports a thread that dies with what it could not write, and fails calls instead of hanging', async () => {
    const file = await newDbFile();
    const logger = new RecordingLogger();
    const hub = await MonitoringHubThread.start(
      { url: file },
      { workflowName: 'dead', host: 'h', user: 'u', flushIntervalMs: 60_000 },
      logger,
    );
    const { events } = syntheticRun(40, 'dead-run');
    const [first = block, ...rest] = events;
    for (const e of rest.slice(0, 49)) hub.accept(e);
    // What a fatal error in the thread's isolate does, done from outside: the thread is gone.
    await (hub as unknown as { worker: Worker }).worker.terminate();
    await until(() => logger.messages('error').length > 0);
    expect(logger.messages('error')).toEqual([
      expect.stringMatching(/hub thread for .+ stopped .*; 49 monitoring inputs not written/),
    ]);
    hub.accept(first);
    await expect(hub.flush()).rejects.toBeInstanceOf(MonitoringError);
    expect(hub.getStats()).toMatchObject({ dropped: 50, buffered: 0 });
    await hub.close(); // does not throw, and says nothing more
    expect(logger.messages('error')).toHaveLength(1);
  });
});
