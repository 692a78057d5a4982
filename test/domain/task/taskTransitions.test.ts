import { describe, expect, it } from 'vitest';
import { InternalConsistencyError } from '../../../src/domain/errors/ParslError.js';
import { decideRetry } from '../../../src/domain/task/retryCost.js';
import { isFailureState, isFinalState, TaskState } from '../../../src/domain/task/TaskState.js';
import {
  ALLOWED_TRANSITIONS,
  canTransition,
  transition,
} from '../../../src/domain/task/taskTransitions.js';

const states = Object.values(TaskState);

describe('task transitions', () => {
  it.each([
    ['pending', 'launched'],
    ['launched', 'exec_done'],
    ['launched', 'fail_retryable'],
    ['fail_retryable', 'pending'],
    ['pending', 'dep_fail'],
    ['pending', 'memo_done'],
    ['launched', 'joining'],
    ['joining', 'exec_done'],
  ] as const)('allows %s -> %s', (from, to) => {
    expect(transition(1, from, to)).toBe(to);
  });

  it.each([
    ['exec_done', 'pending'],
    ['pending', 'exec_done'],
    ['dep_fail', 'launched'],
    ['failed', 'fail_retryable'],
    ['memo_done', 'launched'],
  ] as const)('rejects %s -> %s as an internal bug naming the task', (from, to) => {
    expect(() => transition(42, from, to)).toThrow(InternalConsistencyError);
    expect(() => transition(42, from, to)).toThrow(/illegal transition .* for task 42/);
  });

  it('lets no final state move again', () => {
    for (const state of states.filter(isFinalState)) {
      expect(states.some((to) => canTransition(state, to))).toBe(false);
    }
  });

  it('covers every state in the table', () => {
    expect(Object.keys(ALLOWED_TRANSITIONS).sort()).toEqual([...states].sort());
  });

  it('classes failed and dep_fail as failures, exec_done and memo_done as successes', () => {
    expect(states.filter(isFailureState).sort()).toEqual(['dep_fail', 'failed']);
    expect(states.filter(isFinalState).sort()).toEqual([
      'dep_fail',
      'exec_done',
      'failed',
      'memo_done',
    ]);
  });
});

describe(decideRetry.name, () => {
  it('retries while the total cost stays within retries', () => {
    expect(decideRetry(0, 1, 2)).toEqual({ kind: 'retry', failCost: 1 });
    expect(decideRetry(1, 1, 2)).toEqual({ kind: 'retry', failCost: 2 });
    expect(decideRetry(2, 1, 2)).toEqual({ kind: 'fail', failCost: 3 });
  });

  it('lets a costly failure end retries early', () => {
    expect(decideRetry(0, 5, 2)).toEqual({ kind: 'fail', failCost: 5 });
  });

  it('never retries with retries 0', () => {
    expect(decideRetry(0, 1, 0).kind).toBe('fail');
  });
});
