import { InternalConsistencyError } from '../errors/ParslError.js';
import type { TaskState } from './TaskState.js';

/** Every allowed move between task states; anything else is a bug in the kernel. */
export const ALLOWED_TRANSITIONS: Readonly<Record<TaskState, readonly TaskState[]>> = {
  pending: ['launched', 'memo_done', 'dep_fail', 'failed'],
  launched: ['running', 'exec_done', 'failed', 'fail_retryable', 'joining'],
  running: ['running_ended', 'exec_done', 'failed', 'fail_retryable', 'joining'],
  running_ended: ['exec_done', 'failed', 'fail_retryable', 'joining'],
  joining: ['exec_done', 'failed', 'fail_retryable'],
  fail_retryable: ['pending'],
  exec_done: [],
  memo_done: [],
  failed: [],
  dep_fail: [],
};

/** True when `from -> to` is allowed. */
export const canTransition = (from: TaskState, to: TaskState): boolean =>
  ALLOWED_TRANSITIONS[from].includes(to);

/**
 * Checks a transition and returns the new state.
 * @throws {InternalConsistencyError} when the move is not in {@link ALLOWED_TRANSITIONS}
 */
export const transition = (taskId: number, from: TaskState, to: TaskState): TaskState => {
  if (!canTransition(from, to)) {
    throw new InternalConsistencyError(
      `DataFlowKernel.updateTaskState: illegal transition ${from} -> ${to} for task ${taskId}`,
    );
  }
  return to;
};
