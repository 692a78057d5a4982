import { describe, expect, it } from 'vitest';
import { NullLogger } from '../../../src/adapters/logging/NullLogger.js';
import {
  JobStatusPoller,
  type JobStatusPollerOptions,
} from '../../../src/app/kernel/JobStatusPoller.js';
import type {
  BlockStatusEvent,
  KernelEvent,
  ScalingEvent,
} from '../../../src/domain/task/TaskEvent.js';
import { FakeBlockExecutor } from '../../fakes/FakeBlockExecutor.js';
import { FakeExecutionProvider } from '../../fakes/FakeExecutionProvider.js';
import { ManualClock } from '../../fakes/ManualClock.js';

const setup = (
  provider: ConstructorParameters<typeof FakeExecutionProvider>[0] = {},
  options: Partial<JobStatusPollerOptions> = {},
  workersPerNode = 1,
) => {
  const clock = new ManualClock();
  const events: KernelEvent[] = [];
  const fakeProvider = new FakeExecutionProvider({
    statusPollingIntervalMs: 1_000,
    defaultScript: { states: ['PENDING', 'RUNNING'] },
    ...provider,
  });
  const executor = new FakeBlockExecutor('htex', fakeProvider, workersPerNode);
  const poller = new JobStatusPoller(
    { strategy: 'simple', maxIdletime: 120, strategyPeriodMs: 5_000, ...options },
    { clock, ticker: clock, logger: new NullLogger(), emit: (e) => events.push(e) },
  );
  const scaling = () => events.filter((e): e is ScalingEvent => e.type === 'scaling');
  const blockEvents = () => events.filter((e): e is BlockStatusEvent => e.type === 'block-status');
  return { clock, events, fakeProvider, executor, poller, scaling, blockEvents };
};

describe(JobStatusPoller.name, () => {
  describe('.add', () => {
    it('starts initBlocks at once, without waiting a strategy period', async () => {
      const s = setup({ initBlocks: 2, maxBlocks: 4 });
      await s.poller.add(s.executor);
      expect([s.executor.scaleOuts, s.fakeProvider.submitted.length]).toEqual([[2], 2]);
      await s.poller.close();
    });

    it('emits a scaling event naming the blocks and the reason', async () => {
      const s = setup({ initBlocks: 1 });
      await s.poller.add(s.executor);
      expect(s.scaling()).toEqual([
        {
          type: 'scaling',
          executor: 'htex',
          action: 'scale-out',
          blocks: 1,
          blockIds: ['0'],
          reason: 'initBlocks=1',
          at: s.clock.now(),
        },
      ]);
      await s.poller.close();
    });

    it('does not request initBlocks again when the executor already started blocks', async () => {
      const s = setup({ initBlocks: 1 });
      await s.executor.scaleOut(1);
      await s.poller.add(s.executor);
      expect(s.executor.scaleOuts).toEqual([1]);
      await s.poller.close();
    });

    it('refuses the same executor twice', async () => {
      const s = setup({ initBlocks: 0 });
      await s.poller.add(s.executor);
      expect(() => s.poller.add(s.executor)).toThrow(/already polled/);
      await s.poller.close();
    });
  });

  describe('status polling', () => {
    it('polls on the provider period and emits block state changes', async () => {
      const s = setup({ initBlocks: 1 });
      await s.poller.add(s.executor);
      await s.clock.advance(1_000);
      await s.clock.advance(1_000);
      expect(s.blockEvents().map((e) => [e.blockId, e.previous, e.state])).toEqual([
        ['0', undefined, 'PENDING'],
        ['0', 'PENDING', 'RUNNING'],
      ]);
      await s.poller.close();
    });

    it('reports a failed block with its exit code', async () => {
      const s = setup({
        initBlocks: 1,
        defaultScript: { states: ['RUNNING', 'FAILED'], exitCode: 7 },
      });
      await s.poller.add(s.executor);
      await s.clock.advance(2_000);
      expect(s.blockEvents().at(-1)).toMatchObject({ state: 'FAILED', exitCode: 7 });
      await s.poller.close();
    });

    it('keeps going when a poll fails', async () => {
      const s = setup({ initBlocks: 1 });
      await s.poller.add(s.executor);
      const poll = s.executor.pollBlockStatuses.bind(s.executor);
      let calls = 0;
      s.executor.pollBlockStatuses = async () => {
        calls += 1;
        if (calls === 1) throw new Error('scheduler down');
        return poll();
      };
      await s.clock.advance(2_000);
      expect(calls).toBe(2);
      await s.poller.close();
    });
  });

  describe('strategy', () => {
    it('scales out on load at the next strategy period', async () => {
      const s = setup({ initBlocks: 0, maxBlocks: 5 });
      await s.poller.add(s.executor);
      s.executor.outstandingTasks = 3;
      await s.clock.advance(4_999);
      const before = s.executor.scaleOuts.length;
      await s.clock.advance(1);
      expect([before, s.executor.scaleOuts]).toEqual([0, [3]]);
      await s.poller.close();
    });

    it('scales in to minBlocks once idle past maxIdletime', async () => {
      const s = setup({ initBlocks: 3, minBlocks: 1, maxBlocks: 3 }, { maxIdletime: 10 });
      await s.poller.add(s.executor);
      await s.clock.advance(9_999);
      const early = s.executor.scaleIns.length;
      await s.clock.advance(1);
      expect([early, s.executor.scaleIns]).toEqual([0, [{ blocks: 2, options: {} }]]);
      await s.poller.close();
    });

    it("passes maxIdletime to the executor on 'htexAutoScale' scale-in", async () => {
      const s = setup(
        { initBlocks: 4, minBlocks: 0, maxBlocks: 4 },
        { strategy: 'htexAutoScale', maxIdletime: 30 },
      );
      s.executor.outstandingTasks = 1;
      await s.poller.add(s.executor);
      await s.clock.advance(5_000);
      expect(s.executor.scaleIns).toEqual([{ blocks: 3, options: { maxIdletimeSeconds: 30 } }]);
      await s.poller.close();
    });

    it("never scales after initBlocks with strategy 'none'", async () => {
      const s = setup({ initBlocks: 1, maxBlocks: 5 }, { strategy: 'none' });
      await s.poller.add(s.executor);
      s.executor.outstandingTasks = 50;
      await s.clock.advance(20_000);
      expect(s.executor.scaleOuts).toEqual([1]);
      await s.poller.close();
    });

    it('skips an executor in a bad state', async () => {
      const s = setup({ initBlocks: 1 });
      s.executor.badState = new Error('all blocks failed');
      await s.poller.add(s.executor);
      expect(s.executor.scaleOuts).toEqual([]);
      await s.poller.close();
    });

    it('logs and continues when scale-out throws', async () => {
      const s = setup({ initBlocks: 0, maxBlocks: 2 });
      await s.poller.add(s.executor);
      s.executor.outstandingTasks = 1;
      const real = s.executor.scaleOut.bind(s.executor);
      let attempts = 0;
      s.executor.scaleOut = async (n) => {
        attempts += 1;
        if (attempts === 1) throw new Error('provider refused');
        return real(n);
      };
      await s.clock.advance(10_000);
      expect([attempts, s.executor.scaleOuts]).toEqual([2, [1]]);
      await s.poller.close();
    });
  });

  describe('block error handler', () => {
    it("puts the executor in a bad state when every block failed ('simple')", async () => {
      const s = setup({ initBlocks: 1, defaultScript: { states: ['FAILED'], exitCode: 2 } });
      await s.poller.add(s.executor);
      await s.clock.advance(1_000);
      expect(s.executor.badState?.message).toMatch(
        /in a bad state: its blocks failed .*\n[\s\S]*EXIT CODE: 2/,
      );
      await s.poller.close();
    });

    it('stops strategizing a bad executor', async () => {
      const s = setup({ initBlocks: 1, maxBlocks: 5, defaultScript: { states: ['FAILED'] } });
      await s.poller.add(s.executor);
      s.executor.outstandingTasks = 10;
      await s.clock.advance(10_000);
      expect(s.executor.scaleOuts).toEqual([1]);
      await s.poller.close();
    });

    it("leaves the executor alone with 'none'", async () => {
      const s = setup(
        { initBlocks: 1, defaultScript: { states: ['FAILED'] } },
        { blockErrorHandler: 'none' },
      );
      await s.poller.add(s.executor);
      await s.clock.advance(1_000);
      expect(s.executor.badState).toBeUndefined();
      await s.poller.close();
    });

    it('leaves the executor alone while a block runs', async () => {
      const s = setup({ initBlocks: 2, maxBlocks: 2 });
      await s.poller.add(s.executor);
      const [first] = s.fakeProvider.jobIds;
      s.fakeProvider.setStatus(first ?? '', { state: 'FAILED' });
      await s.clock.advance(2_000);
      expect(s.executor.badState).toBeUndefined();
      await s.poller.close();
    });
  });

  describe('.close', () => {
    it('stops every ticker', async () => {
      const s = setup({ initBlocks: 1 });
      await s.poller.add(s.executor);
      await s.poller.close();
      expect(s.clock.activeTickers).toBe(0);
    });

    it('does not cancel blocks (the executor shutdown does)', async () => {
      const s = setup({ initBlocks: 1 });
      await s.poller.add(s.executor);
      await s.poller.close();
      expect(s.fakeProvider.cancelled).toEqual([]);
    });
  });
});
