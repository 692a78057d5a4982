import { describe, expect, it } from 'vitest';
import type { JobState } from '../../../src/domain/job/JobState.js';
import { computeScalingDecision } from '../../../src/domain/scaling/computeScalingDecision.js';
import {
  type ExecutorScalingState,
  initialScalingState,
  type ScalingAction,
  type ScalingInput,
} from '../../../src/domain/scaling/ScalingInput.js';

const input = (over: Partial<ScalingInput> = {}): ScalingInput => ({
  executor: 'htex',
  strategy: 'simple',
  outstandingTasks: 0,
  blockStates: [],
  initBlocks: 0,
  minBlocks: 0,
  maxBlocks: 10,
  nodesPerBlock: 1,
  workersPerNode: 1,
  parallelism: 1,
  maxIdletimeSeconds: 120,
  canScaleInIdleBlocks: true,
  state: { initialized: true, idleSince: undefined },
  ...over,
});

const pending = (n: number): JobState[] => Array<JobState>(n).fill('PENDING');
const sumOut = (actions: readonly ScalingAction[]): number =>
  actions.filter((a) => a.action === 'scale-out').reduce((s, a) => s + a.blocks, 0);

/**
 * Simulates Parsl's test harness: scale-out appends PENDING blocks, scale-in cancels PENDING ones.
 */
class Harness {
  public blocks: JobState[] = [];
  public scaleIns = 0;
  private state: ExecutorScalingState = initialScalingState;

  public constructor(private readonly base: Partial<ScalingInput>) {}

  public step(outstandingTasks: number, now: number): void {
    const decision = computeScalingDecision(
      input({ ...this.base, outstandingTasks, blockStates: this.blocks, state: this.state }),
      now,
    );
    this.state = decision.state;
    for (const a of decision.actions) {
      if (a.action === 'scale-out') this.blocks.push(...pending(a.blocks));
      else {
        this.scaleIns += 1;
        let n = a.blocks;
        this.blocks = this.blocks.map((s) => (s === 'PENDING' && n-- > 0 ? 'CANCELLED' : s));
      }
    }
  }

  public get pendingCount(): number {
    return this.blocks.filter((s) => s === 'PENDING').length;
  }
}

describe(computeScalingDecision.name, () => {
  describe('htex_auto_scale (parsl test_regression_3696)', () => {
    it.each([
      [14, 48, 1],
      [1, 1, 1],
      [100, 1, 20],
      [47, 48, 1],
      [48, 48, 1],
      [49, 48, 2],
      [149, 50, 3],
    ])(
      '%i tasks with %i workers per node converge to %i blocks without oscillating',
      (tasks, workers, blocks) => {
        const h = new Harness({
          strategy: 'htexAutoScale',
          workersPerNode: workers,
          maxBlocks: 20,
          parallelism: 1,
          nodesPerBlock: 1,
          initBlocks: 0,
          minBlocks: 0,
          maxIdletimeSeconds: 0,
        });
        h.step(tasks, 0);
        expect([h.blocks.length, h.pendingCount, h.scaleIns]).toEqual([blocks, blocks, 0]);
        h.step(tasks, 1_000);
        expect(h.pendingCount).toBe(blocks);
        h.step(0, 2_000);
        h.step(0, 3_000);
        expect(h.pendingCount).toBe(0);
      },
    );
  });

  describe('parallelism 0.5, 2 slots per block, min:init:max = 0:0:4 (S004 L25847-25875)', () => {
    const base = { parallelism: 0.5, workersPerNode: 2, maxBlocks: 4 };
    it.each([
      [1, 1],
      [2, 1],
      [4, 1],
      [5, 2],
      [8, 2],
      [9, 3],
    ])('at %i tasks from no blocks it requests %i blocks', (tasks, blocks) => {
      const d = computeScalingDecision(input({ ...base, outstandingTasks: tasks }), 0);
      expect(sumOut(d.actions)).toBe(blocks);
    });

    it('at 5 tasks with one block it overflows into a second block', () => {
      const d = computeScalingDecision(
        input({ ...base, outstandingTasks: 5, blockStates: ['RUNNING'] }),
        0,
      );
      expect(d.actions).toEqual([expect.objectContaining({ action: 'scale-out', blocks: 1 })]);
    });

    it('at 4 tasks with one block it stays', () => {
      const d = computeScalingDecision(
        input({ ...base, outstandingTasks: 4, blockStates: ['RUNNING'] }),
        0,
      );
      expect(d.case).toBe('balanced');
    });
  });

  describe('user-guide example: Local(min 1, init 1, max 4, parallelism 0.5), 2 workers (S004 L2229-2264)', () => {
    const base = { parallelism: 0.5, workersPerNode: 2, minBlocks: 1, initBlocks: 1, maxBlocks: 4 };

    it('first run starts initBlocks before any task', () => {
      const d = computeScalingDecision(input({ ...base, state: initialScalingState }), 0);
      expect(d.actions).toEqual([
        expect.objectContaining({ action: 'scale-out', blocks: 1, case: 'init' }),
      ]);
    });

    it('tasks go to the first block until 5 are submitted, then a new block is requested', () => {
      const outs = [1, 2, 3, 4, 5].map((tasks) =>
        sumOut(
          computeScalingDecision(
            input({ ...base, outstandingTasks: tasks, blockStates: ['RUNNING'] }),
            0,
          ).actions,
        ),
      );
      expect(outs).toEqual([0, 0, 0, 0, 1]);
    });
  });

  describe('parallelism 1 (S004 L2206-2212)', () => {
    it('requests min(maxBlocks, ceil(tasks / slotsPerBlock)) blocks', () => {
      const d = computeScalingDecision(
        input({ outstandingTasks: 7, workersPerNode: 2, nodesPerBlock: 2, maxBlocks: 10 }),
        0,
      );
      expect(sumOut(d.actions)).toBe(2);
    });

    it('never goes past maxBlocks', () => {
      const d = computeScalingDecision(
        input({ outstandingTasks: 100, blockStates: ['RUNNING', 'PENDING'], maxBlocks: 5 }),
        0,
      );
      expect(sumOut(d.actions)).toBe(3);
    });

    it('does nothing when already at maxBlocks', () => {
      const d = computeScalingDecision(
        input({ outstandingTasks: 100, blockStates: pending(3), maxBlocks: 3 }),
        0,
      );
      expect([d.case, d.actions.length]).toEqual(['overloaded-at-max', 0]);
    });

    it('ignores terminal blocks when counting capacity', () => {
      const d = computeScalingDecision(
        input({
          outstandingTasks: 2,
          blockStates: ['FAILED', 'COMPLETED', 'CANCELLED'],
          maxBlocks: 4,
        }),
        0,
      );
      expect(sumOut(d.actions)).toBe(2);
    });
  });

  describe('parallelism 0 (S004 L2191-2199)', () => {
    it('starts a single block for any number of tasks', () => {
      const d = computeScalingDecision(input({ parallelism: 0, outstandingTasks: 50 }), 0);
      expect(d.actions).toEqual([
        expect.objectContaining({ action: 'scale-out', blocks: 1, case: 'no-slots' }),
      ]);
    });

    it('adds nothing once one block exists', () => {
      const d = computeScalingDecision(
        input({ parallelism: 0, outstandingTasks: 50, blockStates: ['RUNNING'] }),
        0,
      );
      expect(d.actions).toEqual([]);
    });
  });

  describe('idle scale-in (maxIdletime 120 s)', () => {
    const base = { minBlocks: 1, blockStates: ['RUNNING', 'RUNNING', 'RUNNING'] as JobState[] };

    it('starts the idle timer the first time it sees no tasks', () => {
      const d = computeScalingDecision(input(base), 5_000);
      expect([d.state.idleSince, d.actions.length]).toEqual([5_000, 0]);
    });

    it('keeps the blocks after 119 s idle', () => {
      const d = computeScalingDecision(
        input({ ...base, state: { initialized: true, idleSince: 0 } }),
        119_000,
      );
      expect(d.actions).toEqual([]);
    });

    it('scales in down to minBlocks after 121 s idle', () => {
      const d = computeScalingDecision(
        input({ ...base, state: { initialized: true, idleSince: 0 } }),
        121_000,
      );
      expect(d.actions).toEqual([expect.objectContaining({ action: 'scale-in', blocks: 2 })]);
    });

    it('does not restrict that scale-in to long-idle blocks (every block is idle)', () => {
      const d = computeScalingDecision(
        input({ ...base, state: { initialized: true, idleSince: 0 } }),
        121_000,
      );
      expect(d.actions[0]).not.toHaveProperty('maxIdletimeSeconds');
    });

    it('resets the idle timer when tasks arrive', () => {
      const d = computeScalingDecision(
        input({ ...base, outstandingTasks: 1, state: { initialized: true, idleSince: 0 } }),
        50_000,
      );
      expect(d.state.idleSince).toBeUndefined();
    });

    it('does nothing at minBlocks', () => {
      const d = computeScalingDecision(
        input({
          minBlocks: 3,
          blockStates: base.blockStates,
          state: { initialized: true, idleSince: 0 },
        }),
        999_000,
      );
      expect([d.case, d.actions.length]).toEqual(['idle-below-min', 0]);
    });
  });

  describe("strategy 'simple' with more slots than tasks", () => {
    it('never scales in while tasks remain', () => {
      const d = computeScalingDecision(
        input({ outstandingTasks: 1, blockStates: pending(5), workersPerNode: 4 }),
        0,
      );
      expect([d.case, d.actions.length]).toEqual(['balanced', 0]);
    });
  });

  describe("strategy 'htexAutoScale' with more slots than tasks", () => {
    const base = {
      strategy: 'htexAutoScale' as const,
      outstandingTasks: 3,
      blockStates: pending(5),
      workersPerNode: 1,
      minBlocks: 1,
    };

    it('scales in the excess, restricted to blocks idle for maxIdletime', () => {
      const d = computeScalingDecision(input(base), 0);
      expect(d.actions).toEqual([
        expect.objectContaining({ action: 'scale-in', blocks: 2, maxIdletimeSeconds: 120 }),
      ]);
    });

    it('does not scale in executors that cannot choose idle blocks', () => {
      const d = computeScalingDecision(input({ ...base, canScaleInIdleBlocks: false }), 0);
      expect(d.actions).toEqual([]);
    });

    it('never goes below minBlocks', () => {
      const d = computeScalingDecision(input({ ...base, outstandingTasks: 1, minBlocks: 4 }), 0);
      expect(d.actions).toEqual([expect.objectContaining({ action: 'scale-in', blocks: 1 })]);
    });
  });

  describe("strategy 'none'", () => {
    it('starts initBlocks on the first run', () => {
      const d = computeScalingDecision(
        input({ strategy: 'none', initBlocks: 2, state: initialScalingState }),
        0,
      );
      expect(sumOut(d.actions)).toBe(2);
    });

    it('never scales afterwards', () => {
      const d = computeScalingDecision(input({ strategy: 'none', outstandingTasks: 100 }), 0);
      expect([d.case, d.actions.length]).toEqual(['disabled', 0]);
    });
  });

  describe('first run with load', () => {
    it('counts the init blocks as pending before scaling out for the load', () => {
      const d = computeScalingDecision(
        input({ initBlocks: 2, outstandingTasks: 5, state: initialScalingState }),
        0,
      );
      expect(d.actions.map((a) => [a.action, a.blocks])).toEqual([
        ['scale-out', 2],
        ['scale-out', 3],
      ]);
    });
  });

  describe('when a block has no slots', () => {
    it('throws a RangeError naming the executor', () => {
      expect(() => computeScalingDecision(input({ workersPerNode: 0 }), 0)).toThrow(
        /executor htex/,
      );
    });
  });
});
