import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithService } from '../../support/describeWithService.js';

const built = new URL(
  '../../../dist/src/adapters/monitoring/WorkerMonitoringStore.js',
  import.meta.url,
);

describeWithService(
  'WorkerMonitoringStore from the build, in a process started with V8 flags',
  existsSync(built),
  'run `npm run build` first (CI builds before testing)',
  () => {
    it('opens its store thread under `node --expose-gc --trace-gc` (Node refuses V8 flags in an explicit execArgv)', () => {
      const dir = mkdtempSync(join(tmpdir(), 'parsl-worker-store-'));
      try {
        const script = `
          const { WorkerMonitoringStore } = await import(${JSON.stringify(built.href)});
          const store = new WorkerMonitoringStore({ url: process.env.STORE_URL });
          await store.open();
          await store.close();
          console.log('opened and closed');`;
        const file = join(dir, 'open-store.mjs');
        writeFileSync(file, script);
        const out = spawnSync(process.execPath, ['--expose-gc', '--trace-gc', file], {
          encoding: 'utf8',
          env: { ...process.env, STORE_URL: join(dir, 'monitoring.db') },
        });
        expect(out.stderr).not.toContain('ERR_WORKER_INVALID_EXEC_ARGV');
        expect(out.stdout).toContain('opened and closed');
        expect(out.status).toBe(0);
        expect(existsSync(join(dir, 'monitoring.db'))).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
