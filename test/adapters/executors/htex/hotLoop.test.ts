import { describe, expect, it } from 'vitest';
import {
  keepLoopHot,
  spinSettingProblem,
  spinWindowMs,
} from '../../../../src/adapters/executors/htex/hotLoop.js';

describe('spinWindowMs', () => {
  it('spins on the node side only by default', () => {
    expect(spinWindowMs('executor', {})).toBe(0);
    expect(spinWindowMs('interchange', {})).toBe(0);
    expect(spinWindowMs('pool', {})).toBeGreaterThan(0);
    expect(spinWindowMs('worker', {})).toBeGreaterThan(0);
  });

  it('reads PARSL_HTEX_SPIN_US per role or for all roles, in microseconds', () => {
    const env = { PARSL_HTEX_SPIN_US: 'interchange=150, worker=0' };
    expect(spinWindowMs('interchange', env)).toBe(0.15);
    expect(spinWindowMs('worker', env)).toBe(0);
    expect(spinWindowMs('pool', env)).toBe(spinWindowMs('pool', {}));
    expect(spinWindowMs('executor', { PARSL_HTEX_SPIN_US: '400' })).toBe(0.4);
    expect(spinWindowMs('pool', { PARSL_HTEX_SPIN_US: 'pool=abc' })).toBe(spinWindowMs('pool', {}));
  });
});

describe('spinSettingProblem', () => {
  it('accepts unset, one number, and role=number lists', () => {
    expect(spinSettingProblem(undefined)).toBeUndefined();
    expect(spinSettingProblem('')).toBeUndefined();
    expect(spinSettingProblem('400')).toBeUndefined();
    expect(spinSettingProblem('pool=600, worker=0')).toBeUndefined();
  });

  it('names each part it cannot read and the accepted forms', () => {
    const problem = spinSettingProblem('pool=abc,wroker=5,300us');
    expect(problem).toContain('PARSL_HTEX_SPIN_US');
    expect(problem).toContain('"pool=abc", "wroker=5", "300us"');
    expect(problem).toContain('pool=600,worker=1000');
    expect(spinSettingProblem('worker=5,pool=6=7')).toContain('"pool=6=7"');
  });
});

describe('keepLoopHot', () => {
  const immediates = (): number =>
    process.getActiveResourcesInfo().filter((r) => r === 'Immediate').length;

  it('keeps an immediate pending (the loop polls, never sleeps) for the window, then stops', async () => {
    const before = immediates();
    keepLoopHot(5);
    keepLoopHot(5);
    expect(immediates()).toBe(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(immediates()).toBe(before);
  });

  it('does nothing for a window of 0', () => {
    const before = immediates();
    keepLoopHot(0);
    expect(immediates()).toBe(before);
  });
});
