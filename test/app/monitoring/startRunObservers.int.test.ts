import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../../../bench/support/syntheticRun.js';
import { TypeOrmMonitoringStore } from '../../../src/adapters/monitoring/TypeOrmMonitoringStore.js';
import { MonitoringConfig } from '../../../src/app/config/MonitoringConfig.js';
import { KernelEventBus } from '../../../src/app/kernel/KernelEventBus.js';
import {
  type RunObserversInput,
  startRunObservers,
} from '../../../src/app/monitoring/startRunObservers.js';
import { RecordingLogger } from '../../support/RecordingLogger.js';

/** A run under `dir` with only monitoring as configured: no progress line, no usage tracking. */
const quietRun = (
  dir: string,
  runId: string,
  monitoring: MonitoringConfig | undefined,
  events = new KernelEventBus(),
  logger = new RecordingLogger(),
): RunObserversInput => ({
  events,
  runId,
  runDir: join(dir, 'runinfo', '000'),
  baseRunDir: join(dir, 'runinfo'),
  monitoring,
  usageTracking: false,
  progress: false,
  version: '0',
  logger,
  env: {},
});

describe(startRunObservers.name, () => {
  it('records the run, gives workers the hub env, prints progress and sends usage start/end', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parsl-obs-'));
    const collector = createSocket('udp4');
    const datagrams: string[] = [];
    collector.on('message', (m) => datagrams.push(m.toString()));
    collector.bind(0, '127.0.0.1');
    await once(collector, 'listening');
    const writes: string[] = [];
    const bus = new KernelEventBus();
    const observers = await startRunObservers({
      events: bus,
      runId: 'obs-run',
      runDir: join(dir, 'runinfo', '000'),
      baseRunDir: join(dir, 'runinfo'),
      monitoring: plainToInstance(MonitoringConfig, {
        workflowName: 'observed',
        flushIntervalMs: 20,
        resourceMonitoringInterval: 2,
      }),
      usageTracking: false,
      progress: { stream: { isTTY: true, write: (t: string) => writes.push(t) } },
      version: '0.1.0',
      logger: new RecordingLogger(),
      env: {
        PARSL_TRACKING: 'true',
        PARSL_TRACKING_ENDPOINT: `127.0.0.1:${collector.address().port}`,
      },
    });
    expect(observers.workerEnv['PARSL_MONITORING_HUB_URL']).toMatch(/^udp:\/\/127\.0\.0\.1:\d+$/);
    expect(observers.workerMonitoring).toEqual({
      url: observers.workerEnv['PARSL_MONITORING_HUB_URL'],
      key: observers.workerEnv['PARSL_MONITORING_HUB_KEY'],
      intervalSeconds: 2,
    });
    const { events, expected } = syntheticRun(50, 'obs-run');
    for (const e of events) bus.emit(e);
    await observers.close({
      exitCode: 0,
      executorCount: 2,
      taskCount: 50,
      failedCount: expected.failed,
    });
    for (let i = 0; i < 100 && datagrams.length < 2; i++)
      await new Promise((r) => setTimeout(r, 10));
    collector.close();
    const store = new TypeOrmMonitoringStore({ url: join(dir, 'runinfo', 'monitoring.db') });
    await store.open();
    expect(await store.getWorkflow('obs-run')).toMatchObject({
      workflowName: 'observed',
      tasksTotal: 50,
    });
    await store.close();
    expect(writes.at(-1)).toMatch(/finished in .* s: 49 done, 1 failed/);
    expect(datagrams.map((d) => (JSON.parse(d) as { type: string }).type)).toEqual([
      'start',
      'end',
    ]);
    await rm(dir, { recursive: true, force: true });
  });

  it('with monitoring off, opens no database and gives workers no hub', async () => {
    const observers = await startRunObservers(quietRun('/nonexistent', 'off', undefined));
    expect(observers.monitoring).toBeUndefined();
    expect(observers.workerEnv).toEqual({});
    expect(observers.workerMonitoring).toBeUndefined();
    await observers.close({ exitCode: 0, executorCount: 1, taskCount: 0, failedCount: 0 });
  });

  it('with resource monitoring off, gives executors no radio to sample for', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parsl-obs-'));
    const observers = await startRunObservers(
      quietRun(
        dir,
        'no-resources',
        plainToInstance(MonitoringConfig, { resourceMonitoringEnabled: false }),
      ),
    );
    expect(observers.monitoring).toBeDefined();
    expect(observers.workerMonitoring).toBeUndefined();
    await observers.close({ exitCode: 0, executorCount: 1, taskCount: 0, failedCount: 0 });
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [true, 'from a worker thread'],
    [false, 'on the event loop'],
  ])('with storeInWorkerThread: %s, records the run with the hub %s', async (inThread) => {
    const dir = await mkdtemp(join(tmpdir(), 'parsl-obs-'));
    const bus = new KernelEventBus();
    const logger = new RecordingLogger();
    const monitoring = plainToInstance(MonitoringConfig, { storeInWorkerThread: inThread });
    const observers = await startRunObservers(quietRun(dir, 'placed', monitoring, bus, logger));
    const { events, expected } = syntheticRun(300, 'placed');
    for (const e of events) bus.emit(e);
    await observers.close({ exitCode: 0, executorCount: 1, taskCount: 300, failedCount: 0 });
    const store = new TypeOrmMonitoringStore({ url: join(dir, 'runinfo', 'monitoring.db') });
    await store.open();
    expect((await store.rowCounts('placed')).statuses).toBe(expected.statuses);
    await store.close();
    const opened = logger.messages('info').find((m) => m.startsWith('monitoring: recording to'));
    expect(opened?.includes('(from a worker thread)')).toBe(inThread);
    await rm(dir, { recursive: true, force: true });
  });
});
