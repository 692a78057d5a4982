import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NullLogger } from '../../../src/adapters/logging/NullLogger.js';
import { TypeOrmMonitoringStore } from '../../../src/adapters/monitoring/TypeOrmMonitoringStore.js';
import { attachMonitoring } from '../../../src/app/monitoring/attachMonitoring.js';
import { app, load } from '../../../src/index.js';
import { tempDir } from '../../support/tempRunDir.js';

describe('monitoring a real DataFlowKernel run', () => {
  it('writes one task row, one try row and three transitions per task for 5,000 no-op tasks', async () => {
    const dir = tempDir('parsl-kmon-');
    const kernel = await load(
      { runDir: join(dir, 'runinfo'), executors: [{ kind: 'in-process', label: 'local' }] },
      { global: false, signals: false },
    );
    const db = join(dir, 'runinfo', 'monitoring.db');
    const handle = await attachMonitoring(
      kernel.events$,
      new TypeOrmMonitoringStore({ url: db }),
      { runId: kernel.runId, runDir: kernel.runDir, workflowName: 'noop' },
      new NullLogger(),
    );
    const noop = app((i: number) => i, { kernel, name: 'noop' });
    for (let i = 0; i < 5000; i += 1) void noop(i);
    await kernel.waitForCurrentTasks();
    await kernel.cleanup();
    await handle.close();
    const store = new TypeOrmMonitoringStore({ url: db });
    await store.open();
    expect(await store.rowCounts(kernel.runId)).toEqual({
      tasks: 5000,
      tries: 5000,
      statuses: 15_000,
      blocks: 0,
      nodes: 0,
      resources: 0,
    });
    const run = await store.getWorkflow(kernel.runId);
    expect(run).toMatchObject({
      workflowName: 'noop',
      tasksCompletedCount: 5000,
      tasksFailedCount: 0,
      tasksActive: 0,
    });
    expect(run?.timeCompleted).not.toBeNull();
    expect((await store.taskHistory(kernel.runId, 4999)).map((s) => s.state)).toEqual([
      'pending',
      'launched',
      'exec_done',
    ]);
    await store.close();
  });
});
