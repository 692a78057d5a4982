import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { HighThroughputExecutor } from '../../../src/adapters/executors/HighThroughputExecutor.js';
import { app, load } from '../../../src/index.js';
import { tempDir } from '../../support/tempRunDir.js';
import { add, busyOnRetry } from './htex/fixtures/apps.js';

const APPS = new URL('./htex/fixtures/apps.ts', import.meta.url).href;

interface ResourceRow {
  readonly pid: number;
  readonly cpu: number;
  readonly rss: number;
}

describe(`${HighThroughputExecutor.name} with monitoring on`, () => {
  it('sends resource samples of the worker that runs a task, under the kernel task and try ids', async () => {
    const dir = tempDir('htex-monitoring-');
    const db = join(dir, 'monitoring.db');
    const kernel = await load(
      {
        runDir: join(dir, 'runinfo'),
        retries: 1,
        executors: [
          {
            kind: 'htex',
            label: 'htex_mon',
            maxWorkers: 2,
            heartbeatPeriod: 1,
            heartbeatThreshold: 10,
            provider: {
              kind: 'local',
              initBlocks: 1,
              maxBlocks: 1,
              launcher: { kind: 'single-node' },
            },
          },
        ],
        monitoring: { loggingEndpoint: db, resourceMonitoringInterval: 0.2 },
        progress: false,
      },
      { global: false, signals: false },
    );
    let busyTask = -1;
    let workerPid = -1;
    try {
      // A few tasks first, so the busy task's kernel id differs from its HTEX wire id.
      const adder = app(add, { kernel, module: APPS });
      expect(await Promise.all([adder(1, 2), adder(3, 4), adder(5, 6)])).toEqual([3, 7, 11]);
      const busy = app(busyOnRetry, { kernel, module: APPS });
      const future = busy(join(dir, 'died.marker'), 1000);
      busyTask = future.tid;
      workerPid = await future;
    } finally {
      await kernel.cleanup();
    }
    const sql = new Database(db, { readonly: true });
    try {
      const rows = sql
        .prepare(
          `SELECT pid, time_user + time_system AS cpu, memory_resident AS rss FROM resource
           WHERE run_id = ? AND task_id = ? AND try_id = 1 ORDER BY timestamp`,
        )
        .all(kernel.runId, busyTask) as ResourceRow[];
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(new Set(rows.map((r) => r.pid))).toEqual(new Set([workerPid]));
      expect(Math.max(...rows.map((r) => r.cpu))).toBeGreaterThan(0);
      expect(Math.min(...rows.map((r) => r.rss))).toBeGreaterThan(0);
    } finally {
      sql.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
