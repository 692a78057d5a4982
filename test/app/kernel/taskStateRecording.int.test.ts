import { afterEach, describe, expect, it } from 'vitest';
import { app, type DataFlowKernel } from '../../../src/index.js';
import type { KernelEventRecorder } from '../../../src/ports/KernelEventSink.js';
import { loadTestKernel } from '../../support/testKernel.js';

let kernel: DataFlowKernel;
afterEach(async () => {
  await kernel?.cleanup({ abort: true });
});

/** Records each change's fields except its time, which differs from run to run. */
const fieldsRecorder = (into: unknown[][]): KernelEventRecorder => ({
  taskState: (taskId, appName, executor, tryId, to, at, error, dependsOn) => {
    expect(typeof at).toBe('number');
    into.push([taskId, appName, executor, tryId, to, error, dependsOn]);
  },
  event: () => undefined,
});

/** A task that fails once and is retried, and a task that depends on it. */
const runRetryAndDependent = async (withSink: boolean): Promise<unknown[][]> => {
  kernel = await loadTestKernel({ retries: 1 });
  const changes: unknown[][] = [];
  kernel.addEventRecorder(fieldsRecorder(changes));
  if (withSink) kernel.addEventSink(() => undefined);
  let calls = 0;
  const flaky = app(
    () => {
      calls += 1;
      if (calls === 1) throw new Error('first try fails');
      return 2;
    },
    { kernel, name: 'flaky' },
  );
  const double = app((x: number) => x * 2, { kernel, name: 'double' });
  expect(await double(flaky())).toBe(4);
  await kernel.cleanup();
  return changes;
};

describe('task-state changes reaching a recorder', () => {
  it('are the same whether the recorder is the only observer (handed each change straight) or shares the bus with a sink', async () => {
    const alone = await runRetryAndDependent(false);
    const shared = await runRetryAndDependent(true);
    expect(alone).toEqual(shared);
    expect(alone).toEqual([
      [0, 'flaky', 'local', 0, 'pending', undefined, []],
      [1, 'double', 'local', 0, 'pending', undefined, [0]],
      [0, 'flaky', 'local', 0, 'launched', undefined, undefined],
      [0, 'flaky', 'local', 0, 'fail_retryable', 'Error: first try fails', undefined],
      [0, 'flaky', 'local', 1, 'pending', undefined, undefined],
      [0, 'flaky', 'local', 1, 'launched', undefined, undefined],
      [0, 'flaky', 'local', 1, 'exec_done', undefined, undefined],
      [1, 'double', 'local', 0, 'launched', undefined, undefined],
      [1, 'double', 'local', 0, 'exec_done', undefined, undefined],
    ]);
  });
});
