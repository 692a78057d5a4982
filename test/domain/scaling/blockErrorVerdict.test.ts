import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../src/domain/job/JobState.js';
import { blockErrorVerdict } from '../../../src/domain/scaling/blockErrorVerdict.js';

const blocks = (...statuses: JobStatus[]): Map<string, JobStatus> =>
  new Map(statuses.map((s, i) => [String(i), s]));
const failed = (exitCode: number): JobStatus => ({
  state: 'FAILED',
  exitCode,
  message: 'boom',
  stderrPath: '/s/b.err',
});

describe(blockErrorVerdict.name, () => {
  describe("policy 'simple'", () => {
    it('fails the executor when every block failed or went missing', () => {
      const verdict = blockErrorVerdict('simple', blocks(failed(1), { state: 'MISSING' }), 1);
      expect(verdict).toEqual({
        bad: true,
        message: 'Error 1:\n\tboom\n\tEXIT CODE: 1\n\tSTDERR: /s/b.err\nError 2:',
      });
    });

    it('carries on while one block is fine', () => {
      expect(blockErrorVerdict('simple', blocks(failed(1), { state: 'RUNNING' }), 1).bad).toBe(
        false,
      );
    });

    it('waits for at least initBlocks blocks before judging', () => {
      expect(blockErrorVerdict('simple', blocks(failed(1)), 2).bad).toBe(false);
    });

    it('does nothing without blocks', () => {
      expect(blockErrorVerdict('simple', new Map(), 0).bad).toBe(false);
    });

    it('does not count scaled-in blocks as failures', () => {
      expect(blockErrorVerdict('simple', blocks({ state: 'SCALED_IN' }, failed(2)), 1).bad).toBe(
        false,
      );
    });
  });

  describe("policy 'windowed'", () => {
    it('fails when the last 3 blocks by id failed, even after an earlier success', () => {
      const statuses = blocks({ state: 'COMPLETED' }, failed(1), failed(1), failed(1));
      expect(blockErrorVerdict('windowed', statuses, 1).bad).toBe(true);
    });

    it('orders block ids numerically ("10" after "9")', () => {
      const statuses = new Map<string, JobStatus>([
        ['10', { state: 'RUNNING' }],
        ['8', failed(1)],
        ['9', failed(1)],
        ['7', failed(1)],
      ]);
      expect(blockErrorVerdict('windowed', statuses, 1).bad).toBe(false);
    });
  });

  describe("policy 'none'", () => {
    it('never fails the executor', () => {
      expect(blockErrorVerdict('none', blocks(failed(1), failed(1), failed(1)), 1).bad).toBe(false);
    });
  });
});
