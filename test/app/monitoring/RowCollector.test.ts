import { describe, expect, it } from 'vitest';
import { RowBuffer } from '../../../src/app/monitoring/RowBuffer.js';
import { RowCollector } from '../../../src/app/monitoring/RowCollector.js';
import type { TaskStateEvent } from '../../../src/domain/task/TaskEvent.js';

const identity = { workflowName: 'science', host: 'h', user: 'u' };
const ev = (
  taskId: number,
  from: TaskStateEvent['from'],
  to: TaskStateEvent['to'],
  at: number,
  extra: Partial<TaskStateEvent> = {},
): TaskStateEvent => ({
  type: 'task-state',
  taskId,
  appName: 'sim',
  executor: 'threads',
  tryId: 0,
  from,
  to,
  at,
  ...extra,
});

describe(RowCollector.name, () => {
  describe('a task that fails once and then succeeds', () => {
    const buffer = new RowBuffer(1000);
    const collector = new RowCollector(buffer, identity);
    collector.accept({ type: 'workflow-start', runId: 'r1', runDir: '/tmp/r1', at: 100 });
    collector.accept(ev(0, undefined, 'pending', 101, { dependsOn: [] }));
    collector.accept(ev(0, 'pending', 'launched', 102));
    collector.accept(ev(0, 'launched', 'fail_retryable', 103, { error: 'oops' }));
    collector.accept(ev(0, 'fail_retryable', 'pending', 104, { tryId: 1 }));
    collector.accept(ev(0, 'pending', 'launched', 105, { tryId: 1 }));
    collector.accept(ev(0, 'launched', 'exec_done', 109, { tryId: 1 }));
    collector.accept({ type: 'workflow-end', runId: 'r1', runDir: '/tmp/r1', at: 110 });
    const batch = buffer.take(1000);

    it('writes one status row per transition', () => {
      expect(batch.statuses.map((s) => `${s.tryId}:${s.state}`)).toEqual([
        '0:pending',
        '0:launched',
        '0:fail_retryable',
        '1:pending',
        '1:launched',
        '1:exec_done',
      ]);
    });

    it('writes the final task row with its fail count and times', () => {
      expect(batch.tasks).toEqual([
        expect.objectContaining({
          taskId: 0,
          taskStatus: 'exec_done',
          failCount: 1,
          timeInvoked: 101,
          timeReturned: 109,
        }),
      ]);
    });

    it('writes two tries, the first with its error', () => {
      expect(
        batch.tries.map((t) => [t.tryId, t.timeLaunched, t.timeReturned, t.failMessage]),
      ).toEqual([
        [0, 102, 103, 'oops'],
        [1, 105, 109, null],
      ]);
    });

    it('writes the workflow with its counts and end time', () => {
      expect(batch.workflows).toEqual([
        expect.objectContaining({
          runId: 'r1',
          workflowName: 'science',
          workflowVersion: new Date(100).toISOString(),
          tasksCompletedCount: 1,
          tasksFailedCount: 0,
          timeCompleted: 110,
          rundir: '/tmp/r1',
        }),
      ]);
    });
  });

  describe('events before workflow-start', () => {
    it('are held and recorded once the run starts', () => {
      const buffer = new RowBuffer(1000);
      const collector = new RowCollector(buffer, identity);
      collector.accept(ev(0, undefined, 'pending', 5));
      expect(buffer.size).toBe(0);
      collector.accept({ type: 'workflow-start', runId: 'r2', runDir: '/tmp/r2', at: 4 });
      expect(buffer.take(100).statuses).toEqual([
        { runId: 'r2', taskId: 0, tryId: 0, state: 'pending', timestamp: 5 },
      ]);
    });
  });

  describe('with a run id given up front (attached late)', () => {
    it('records from the first event', () => {
      const buffer = new RowBuffer(1000);
      const collector = new RowCollector(buffer, {
        ...identity,
        runId: 'late',
        runDir: '/tmp/late',
      });
      collector.accept(ev(3, 'pending', 'launched', 50));
      expect(collector.runId).toBe('late');
      expect(buffer.take(100).tries).toHaveLength(1);
    });
  });

  describe('when workflow-start arrives after the first events of a run given up front', () => {
    it('keeps the counts and the earliest start time', () => {
      const buffer = new RowBuffer(1000);
      const collector = new RowCollector(buffer, { ...identity, runId: 'r9' });
      collector.accept(ev(1, undefined, 'pending', 10));
      collector.accept(ev(1, 'pending', 'exec_done', 11));
      collector.accept({ type: 'workflow-start', runId: 'r9', runDir: '/tmp/r9', at: 12 });
      expect(buffer.take(100).workflows).toEqual([
        expect.objectContaining({ tasksCompletedCount: 1, timeBegan: 10, rundir: '/tmp/r9' }),
      ]);
    });
  });

  describe('block-status, node-info and resource inputs', () => {
    it('become block, node and resource rows', () => {
      const buffer = new RowBuffer(1000);
      const collector = new RowCollector(buffer, { ...identity, runId: 'r3' });
      collector.accept({
        type: 'block-status',
        executor: 'htex',
        blockId: '0',
        state: 'RUNNING',
        previous: 'PENDING',
        at: 7,
      });
      collector.accept({
        type: 'node-info',
        executor: 'htex',
        hostname: 'n1',
        uid: 'm1',
        blockId: '0',
        cpuCount: 4,
        totalMemory: 8e9,
        active: true,
        workerCount: 4,
        at: 8,
      });
      collector.accept({
        type: 'resource',
        taskId: 1,
        tryId: 0,
        pid: 42,
        timestamp: 9,
        cpuPercent: 99,
        timeUser: 1,
        timeSystem: 0,
        memoryResident: 1,
        memoryVirtual: 2,
        diskRead: 3,
        diskWrite: 4,
        childrenCount: 0,
      });
      const batch = buffer.take(100);
      expect(batch.blocks).toEqual([
        {
          runId: 'r3',
          executorLabel: 'htex',
          blockId: '0',
          jobId: null,
          status: 'RUNNING',
          timestamp: 7,
        },
      ]);
      expect(batch.nodes[0]).toMatchObject({ uid: 'm1', workerCount: 4, timestamp: 8 });
      expect(batch.resources[0]).toMatchObject({ runId: 'r3', taskId: 1, pid: 42, cpuPercent: 99 });
    });
  });
});
