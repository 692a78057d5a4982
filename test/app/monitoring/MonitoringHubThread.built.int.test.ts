import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { describeWithService } from '../../support/describeWithService.js';

const built = new URL('../../../dist/src/index.js', import.meta.url);

describeWithService(
  'the monitoring hub thread from the build, in a process started with V8 flags',
  existsSync(built),
  'run `npm run build` first (CI builds before testing)',
  () => {
    it('records a run through its thread under `node --expose-gc --trace-gc` (Node refuses V8 flags in an explicit execArgv)', () => {
      const dir = mkdtempSync(join(tmpdir(), 'parsl-hub-thread-built-'));
      try {
        const script = `
          const { app, load } = await import(${JSON.stringify(built.href)});
          const kernel = await load(
            { runDir: process.env.RUN_DIR, executors: [{ kind: 'in-process', label: 'local' }], progress: false, monitoring: { workflowName: 'built', storeInWorkerThread: true } },
            { global: false, signals: false },
          );
          const double = app((x) => 2 * x, { kernel });
          const results = await Promise.all(Array.from({ length: 50 }, (_, i) => double(i)));
          await kernel.cleanup();
          console.log('sum', results.reduce((a, b) => a + b, 0));`;
        const file = join(dir, 'monitored-run.mjs');
        writeFileSync(file, script);
        const out = spawnSync(process.execPath, ['--expose-gc', '--trace-gc', file], {
          encoding: 'utf8',
          env: { ...process.env, RUN_DIR: join(dir, 'runinfo') },
        });
        expect(out.stderr).not.toContain('ERR_WORKER_INVALID_EXEC_ARGV');
        expect(out.stdout).toContain('sum 2450');
        expect(out.status).toBe(0);
        const db = new Database(join(dir, 'runinfo', 'monitoring.db'), { readonly: true });
        try {
          const row = (sql: string) => db.prepare(sql).get();
          expect(row('SELECT count(*) AS n FROM task')).toEqual({ n: 50 });
          expect(row('SELECT workflow_name, tasks_completed_count FROM workflow')).toEqual({
            workflow_name: 'built',
            tasks_completed_count: 50,
          });
        } finally {
          db.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
