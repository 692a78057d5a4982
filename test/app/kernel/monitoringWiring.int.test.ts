import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { app, bashApp } from '../../../src/index.js';
import { tempDir } from '../../support/tempRunDir.js';
import { loadTestKernel } from '../../support/testKernel.js';

describe('kernel with monitoring on', () => {
  it.each(['in-process', 'thread-pool'] as const)(
    'records tasks, their states and resource samples of bash processes (%s executor)',
    async (kind) => {
      const db = join(tempDir(), 'monitoring.db');
      const kernel = await loadTestKernel({
        executors: [{ kind, label: 'local' }],
        progress: false,
        monitoring: {
          loggingEndpoint: db,
          workflowName: 'wiring',
          resourceMonitoringInterval: 0.05,
        },
      });
      const sleepy = bashApp(() => 'for i in $(seq 1 200000); do :; done; sleep 0.3', {
        kernel,
        name: 'sleepy',
      });
      const double = app((x: number) => x * 2, { kernel, name: 'double' });
      await Promise.all([sleepy(), double(21)]);
      await kernel.cleanup();

      const sql = new Database(db, { readonly: true });
      try {
        const tasks = sql
          .prepare('SELECT task_func_name AS name FROM task ORDER BY task_id')
          .all() as { name: string }[];
        expect(tasks.map((t) => t.name)).toEqual(['sleepy', 'double']);
        const states = sql
          .prepare('SELECT task_status_name AS s FROM status WHERE task_id = 0 ORDER BY timestamp')
          .all() as { s: string }[];
        expect(states.map((r) => r.s)).toEqual(
          expect.arrayContaining(['pending', 'launched', 'exec_done']),
        );
        const samples = sql
          .prepare('SELECT COUNT(*) AS n FROM resource WHERE task_id = 0')
          .get() as { n: number };
        expect(samples.n).toBeGreaterThan(0);
        const workflow = sql
          .prepare('SELECT workflow_name AS name, tasks_completed_count AS done FROM workflow')
          .get() as {
          name: string;
          done: number;
        };
        expect(workflow).toEqual({ name: 'wiring', done: 2 });
      } finally {
        sql.close();
      }
    },
  );
});
