import type { KernelEvent, TaskStateEvent } from '../../src/domain/task/TaskEvent.js';
import type { TaskState } from '../../src/domain/task/TaskState.js';

/** The rows a synthetic run must produce. */
export interface ExpectedRows {
  readonly tasks: number;
  readonly tries: number;
  readonly statuses: number;
  readonly completed: number;
  readonly failed: number;
}

/**
 * A deterministic kernel event stream for `n` tasks, as the DataFlowKernel emits it: most tasks go
 * pending → launched → running → exec_done; every 20th fails once and is retried; every 50th fails
 * for good; every 97th is a dep_fail. Task i depends on task i-1 unless i is a multiple of 10.
 */
export const syntheticRun = (
  n: number,
  runId = 'synthetic',
  t0 = 1_700_000_000_000,
  apps: readonly string[] = ['simulate', 'analyse', 'plot'],
): { events: KernelEvent[]; expected: ExpectedRows } => {
  const events: KernelEvent[] = [
    { type: 'workflow-start', runId, runDir: `/tmp/runinfo/${runId}`, at: t0 },
  ];
  let tries = 0;
  let completed = 0;
  let failed = 0;
  let statuses = 0;
  for (let i = 0; i < n; i++) {
    const at = t0 + i;
    const appName = apps[i % apps.length] ?? 'app';
    const executor = i % 2 === 0 ? 'threads' : 'htex';
    let last: TaskState | undefined;
    const push = (
      to: TaskState,
      tryId: number,
      offset: number,
      extra: Partial<TaskStateEvent> = {},
    ) => {
      events.push({
        type: 'task-state',
        taskId: i,
        appName,
        executor,
        tryId,
        from: last,
        to,
        at: at + offset,
        ...extra,
      });
      last = to;
      statuses += 1;
    };
    push('pending', 0, 0, { dependsOn: i % 10 === 0 ? [] : [i - 1] });
    if (i % 97 === 0 && i > 0) {
      push('dep_fail', 0, 1, { error: `dependency ${i - 1} failed` });
      failed += 1;
      continue;
    }
    let tryId = 0;
    if (i % 20 === 0) {
      push('launched', tryId, 1);
      push('fail_retryable', tryId, 5, { error: 'transient' });
      tries += 1;
      tryId += 1;
      push('pending', tryId, 6);
    }
    push('launched', tryId, 7);
    push('running', tryId, 8);
    tries += 1;
    if (i % 50 === 25) {
      push('failed', tryId, 30, { error: 'ValueError: bad input' });
      failed += 1;
    } else {
      push('exec_done', tryId, 10 + (i % 7) * 3);
      completed += 1;
    }
  }
  events.push({ type: 'workflow-end', runId, runDir: `/tmp/runinfo/${runId}`, at: t0 + n + 100 });
  return { events, expected: { tasks: n, tries, statuses, completed, failed } };
};
