import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../../../bench/support/syntheticRun.js';
import { attachMonitoring } from '../../../src/app/monitoring/attachMonitoring.js';
import { MonitoringHub } from '../../../src/app/monitoring/MonitoringHub.js';
import type { MonitoringInput } from '../../../src/app/monitoring/MonitoringInput.js';
import type { ProcessSample, ResourceSampler } from '../../../src/ports/ResourceSampler.js';
import { FakeMonitoringStore } from '../../fakes/FakeMonitoringStore.js';
import { RecordingLogger } from '../../support/RecordingLogger.js';
import { until } from '../../support/until.js';

const identity = { workflowName: 'wf', host: 'h', user: 'u' };
describe(MonitoringHub.name, () => {
  describe('a run of 100,000 tasks', () => {
    it('produces exactly one task row per task, one try row per attempt and one status row per transition', async () => {
      const store = new FakeMonitoringStore();
      const events$ = new Subject<MonitoringInput>();
      const handle = await attachMonitoring(
        events$,
        store,
        { batchSize: 5000, flushIntervalMs: 50 },
        new RecordingLogger(),
      );
      const { events, expected } = syntheticRun(100_000, 'big');
      for (const e of events) events$.next(e);
      await handle.close();
      await store.open();
      expect(await store.rowCounts('big')).toEqual({
        tasks: expected.tasks,
        tries: expected.tries,
        statuses: expected.statuses,
        blocks: 0,
        nodes: 0,
        resources: 0,
      });
      expect(await store.getWorkflow('big')).toMatchObject({
        tasksCompletedCount: expected.completed,
        tasksFailedCount: expected.failed,
        tasksActive: 0,
      });
    });

    it('writes in batches of at most batchSize rows', async () => {
      const store = new FakeMonitoringStore();
      const events$ = new Subject<MonitoringInput>();
      const handle = await attachMonitoring(
        events$,
        store,
        { batchSize: 2000, flushIntervalMs: 50 },
        new RecordingLogger(),
      );
      for (const e of syntheticRun(5000).events) events$.next(e);
      await handle.close();
      const sizes = store.writes.map((b) =>
        Object.values(b).reduce((n, rows: readonly unknown[]) => n + rows.length, 0),
      );
      expect(Math.max(...sizes)).toBeLessThanOrEqual(2001);
      expect(store.writes.length).toBeGreaterThan(1);
    });
  });

  describe('during a burst', () => {
    it('writes nothing before the flush interval until maxWaitingRows wait, then starts soon after', async () => {
      const store = new FakeMonitoringStore();
      const events$ = new Subject<MonitoringInput>();
      const handle = await attachMonitoring(
        events$,
        store,
        { batchSize: 100, maxWaitingRows: 1000, flushIntervalMs: 60_000 },
        new RecordingLogger(),
      );
      const { events } = syntheticRun(3000, 'burst');
      const first = events.slice(0, 500);
      for (const e of first) events$.next(e);
      await new Promise((r) => setImmediate(r));
      expect(store.writes).toHaveLength(0);
      for (const e of events.slice(500)) events$.next(e);
      await until(() => store.writes.length > 0);
      expect(store.writes.length).toBeGreaterThan(0);
      await handle.close();
    });
  });

  describe('when the store is down for a while', () => {
    it('keeps the rows, warns once, and catches up when it is back', async () => {
      const store = new FakeMonitoringStore();
      const logger = new RecordingLogger();
      const events$ = new Subject<MonitoringInput>();
      const handle = await attachMonitoring(
        events$,
        store,
        { batchSize: 100, flushIntervalMs: 10 },
        logger,
      );
      const { events, expected } = syntheticRun(1000, 'outage');
      store.goDown();
      for (const e of events) events$.next(e);
      await until(() => store.writes.length >= 3);
      expect(handle.getStats().buffered).toBeGreaterThan(0);
      store.comeUp();
      await until(() => handle.getStats().buffered === 0);
      await handle.close();
      await store.open();
      expect((await store.rowCounts('outage')).statuses).toBe(expected.statuses);
      const warnings = logger.messages('warn');
      expect(warnings.filter((w) => w.includes('cannot write'))).toHaveLength(1);
      expect(warnings.some((w) => w.includes('caught up'))).toBe(true);
    });
  });

  describe('when the buffer overflows during an outage', () => {
    it('drops the oldest status rows beyond capacity, keeps every task row, and says so', async () => {
      const store = new FakeMonitoringStore();
      const logger = new RecordingLogger();
      const events$ = new Subject<MonitoringInput>();
      const handle = await attachMonitoring(
        events$,
        store,
        { batchSize: 50, flushIntervalMs: 10, bufferCapacity: 200 },
        logger,
      );
      const { events, expected } = syntheticRun(500, 'overflow');
      store.goDown();
      for (const e of events) events$.next(e);
      await until(() => store.writes.length >= 2);
      store.comeUp();
      await handle.close();
      await store.open();
      const counts = await store.rowCounts('overflow');
      expect(counts.tasks).toBe(expected.tasks);
      expect(counts.statuses).toBeLessThan(expected.statuses);
      expect(counts.statuses + handle.getStats().dropped).toBe(expected.statuses);
      expect(
        logger.messages('warn').some((w) => w.includes('buffer full (200 history rows)')),
      ).toBe(true);
    });
  });

  describe('.close when the store never comes back', () => {
    it('gives up after closeTimeoutMs and logs how many rows were lost', async () => {
      const store = new FakeMonitoringStore();
      const logger = new RecordingLogger();
      const events$ = new Subject<MonitoringInput>();
      const handle = await attachMonitoring(
        events$,
        store,
        { flushIntervalMs: 10, closeTimeoutMs: 100 },
        logger,
      );
      store.goDown();
      for (const e of syntheticRun(10, 'lost').events) events$.next(e);
      await handle.close();
      expect(logger.messages('error')[0]).toMatch(
        /MonitoringHub\.close: \d+ monitoring rows not written to memory:fake/,
      );
      expect(store.isOpen).toBe(false);
    });
  });

  describe('.watchProcess', () => {
    it('records a resource row per sample until the process is gone', async () => {
      const samples: (ProcessSample | undefined)[] = [1, 2, 3].map((i) => ({
        pid: 7,
        timestamp: 1000 + i,
        cpuPercent: i * 10,
        timeUser: i,
        timeSystem: 0,
        memoryResident: 100,
        memoryVirtual: 200,
        diskRead: 0,
        diskWrite: 0,
        childrenCount: 0,
      }));
      samples.push(undefined);
      const forgotten: number[] = [];
      const sampler: ResourceSampler = {
        sample: async () => samples.shift(),
        forget: (pid) => void forgotten.push(pid),
      };
      const store = new FakeMonitoringStore();
      const hub = new MonitoringHub(
        store,
        { ...identity, runId: 'res', resourceIntervalMs: 5, sampler },
        new RecordingLogger(),
      );
      await store.open();
      hub.watchProcess(4, 0, 7);
      await until(() => forgotten.length === 1);
      await hub.close();
      await store.open();
      expect((await store.rowCounts('res')).resources).toBe(3);
      expect(forgotten).toEqual([7]);
    });
  });
});
