import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../../../bench/support/syntheticRun.js';
import {
  TypeOrmMonitoringStore,
  type TypeOrmMonitoringStoreOptions,
} from '../../../src/adapters/monitoring/TypeOrmMonitoringStore.js';
import {
  type AttachMonitoringOptions,
  attachMonitoring,
  attachMonitoringInThread,
  defaultWorkflowName,
  type MonitoringHandle,
} from '../../../src/app/monitoring/attachMonitoring.js';
import type { MonitoringInput } from '../../../src/app/monitoring/MonitoringInput.js';
import { MonitoringError } from '../../../src/domain/errors/MonitoringErrors.js';
import { RecordingLogger } from '../../support/RecordingLogger.js';
import { scratchFiles } from '../../support/scratchFiles.js';
import { until } from '../../support/until.js';

const dbFile = scratchFiles('parsl-hub-');
const newDbFile = () => dbFile('monitoring.db');

describe(`${attachMonitoring.name} with SQLite`, () => {
  it('records 20,000 tasks with exactly the expected rows', async () => {
    const file = await newDbFile();
    const events$ = new Subject<MonitoringInput>();
    const handle = await attachMonitoring(
      events$,
      new TypeOrmMonitoringStore({ url: `sqlite:///${file}` }),
      { workflowName: 'bulk' },
      new RecordingLogger(),
    );
    const { events, expected } = syntheticRun(20_000, 'bulk-run');
    for (const e of events) events$.next(e);
    await handle.close();
    const reader = new TypeOrmMonitoringStore({ url: file, readonly: true });
    await reader.open();
    expect(await reader.rowCounts('bulk-run')).toMatchObject({
      tasks: expected.tasks,
      tries: expected.tries,
      statuses: expected.statuses,
    });
    expect(await reader.getWorkflow('bulk-run')).toMatchObject({
      workflowName: 'bulk',
      tasksCompletedCount: expected.completed,
      tasksFailedCount: expected.failed,
      tasksActive: 0,
    });
    await reader.close();
  });
});

/** Attaches the hub in one of its places to `database` (a TypeORM store's options). */
type Attach = (
  events: Subject<MonitoringInput>,
  database: TypeOrmMonitoringStoreOptions,
  options: AttachMonitoringOptions,
  logger: RecordingLogger,
) => Promise<MonitoringHandle>;

const placements: [string, Attach][] = [
  [
    'on the event loop',
    (events, database, options, logger) =>
      attachMonitoring(events, new TypeOrmMonitoringStore(database), options, logger),
  ],
  ['in a worker thread', attachMonitoringInThread],
];

describe.each(placements)('the hub %s, with SQLite', (_place, attach) => {
  it('catches up after another process held the database locked, and says so in the log', async () => {
    const file = await newDbFile();
    const logger = new RecordingLogger();
    const events$ = new Subject<MonitoringInput>();
    const handle = await attach(
      events$,
      { url: file, busyTimeoutMs: 20 },
      { flushIntervalMs: 20, batchSize: 500 },
      logger,
    );
    const locker = new Database(file);
    locker.exec('BEGIN EXCLUSIVE');
    const { events, expected } = syntheticRun(2000, 'locked-run');
    for (const e of events) events$.next(e);
    await until(() => handle.getStats().failedWrites >= 2);
    locker.exec('COMMIT');
    locker.close();
    await until(() => handle.getStats().buffered === 0);
    await handle.close();
    const reader = new TypeOrmMonitoringStore({ url: file, readonly: true });
    await reader.open();
    expect((await reader.rowCounts('locked-run')).statuses).toBe(expected.statuses);
    await reader.close();
    expect(logger.messages('warn').some((w) => w.includes('database is locked'))).toBe(true);
    expect(logger.messages('warn').some((w) => w.includes('caught up'))).toBe(true);
  });

  it('fails to attach with a MonitoringError naming the database when it cannot be opened', async () => {
    const notADirectory = await newDbFile();
    await writeFile(notADirectory, 'a file, not a directory');
    const url = join(notADirectory, 'monitoring.db');
    const attempt = attach(new Subject<MonitoringInput>(), { url }, {}, new RecordingLogger());
    await expect(attempt).rejects.toBeInstanceOf(MonitoringError);
    await expect(attempt).rejects.toThrow(url);
  });
});

describe(defaultWorkflowName.name, () => {
  it('is the script file name without its extension (Parsl #973: never a library name)', () => {
    expect(defaultWorkflowName('/home/u/science/run_md.js')).toBe('run_md');
  });
  it('falls back to "workflow" without a script', () => {
    expect(defaultWorkflowName(undefined)).toBe('workflow');
  });
});
