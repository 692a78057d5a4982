/**
 * The life of a task in the DataFlowKernel. Happy path: pending -> launched -> exec_done.
 * - pending: waiting for its dependencies (or re-queued after a retryable failure)
 * - launched: handed to an executor
 * - running / running_ended: reported by executors that can tell (monitoring only)
 * - fail_retryable: an attempt failed and retries remain; goes back to pending
 * - joining: a join app returned futures and waits for them
 * - exec_done, memo_done, failed, dep_fail: final
 * Parsl: parsl.dataflow.states.States
 */
export const TaskState = {
  pending: 'pending',
  launched: 'launched',
  running: 'running',
  runningEnded: 'running_ended',
  joining: 'joining',
  execDone: 'exec_done',
  memoDone: 'memo_done',
  failed: 'failed',
  depFail: 'dep_fail',
  failRetryable: 'fail_retryable',
} as const;
export type TaskState = (typeof TaskState)[keyof typeof TaskState];

/** Integer codes used by Parsl's monitoring database; kept for compatible records. */
export const TASK_STATE_CODE: Readonly<Record<TaskState, number>> = {
  pending: 0,
  running: 2,
  exec_done: 3,
  failed: 4,
  dep_fail: 5,
  launched: 7,
  fail_retryable: 8,
  memo_done: 9,
  joining: 10,
  running_ended: 11,
};

const FINAL: ReadonlySet<TaskState> = new Set<TaskState>([
  'exec_done',
  'memo_done',
  'failed',
  'dep_fail',
]);
const FINAL_FAILURE: ReadonlySet<TaskState> = new Set<TaskState>(['failed', 'dep_fail']);

/** True when the task will not change state again. */
export const isFinalState = (state: TaskState): boolean => FINAL.has(state);

/** True for the final states that carry an exception. */
export const isFailureState = (state: TaskState): boolean => FINAL_FAILURE.has(state);
