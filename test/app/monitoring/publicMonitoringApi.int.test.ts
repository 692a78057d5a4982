import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  app,
  attachMonitoring,
  load,
  NullLogger,
  TerminalProgress,
  TypeOrmMonitoringStore,
} from '../../../src/index.js';
import { tempDir } from '../../support/tempRunDir.js';

describe('monitoring from code, through the package entry (docs/monitoring.md)', () => {
  it('records a kernel with attachMonitoring and prints its progress with TerminalProgress', async () => {
    const dir = tempDir();
    const kernel = await load(
      { runDir: dir, executors: [{ kind: 'in-process', label: 'local' }], progress: false },
      { global: false, signals: false },
    );
    const url = join(dir, 'custom.db');
    const run = { runId: kernel.runId, runDir: kernel.runDir, workflowName: 'custom-tooling' };
    const handle = await attachMonitoring(
      kernel,
      new TypeOrmMonitoringStore({ url }),
      run,
      new NullLogger(),
    );
    const lines: string[] = [];
    const progress = new TerminalProgress({
      stream: { write: (text: string) => lines.push(text) !== 0, isTTY: false },
      force: true,
    });
    progress.attach(kernel);
    const double = app((x: number) => 2 * x, { kernel });
    expect(await Promise.all([double(1), double(2), double(3)])).toEqual([2, 4, 6]);
    await kernel.cleanup();
    progress.close();
    await handle.close();
    const reader = new TypeOrmMonitoringStore({ url, readonly: true });
    await reader.open();
    try {
      expect(await reader.rowCounts(kernel.runId)).toMatchObject({ tasks: 3, tries: 3 });
      expect((await reader.getWorkflow(kernel.runId))?.workflowName).toBe('custom-tooling');
    } finally {
      await reader.close();
    }
    expect(lines.join('')).toMatch(/3 done/);
  });
});
