import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonitoringError } from '../../src/domain/errors/MonitoringErrors.js';
import type { MonitoringStore } from '../../src/ports/MonitoringStore.js';
import { MonitoringFixtures as F } from '../fixtures/MonitoringFixtures.js';

/** A store under test plus what to do when the suite is done with it. */
export interface StoreUnderTest {
  readonly store: MonitoringStore;
  readonly cleanup: () => Promise<void>;
}

/**
 * The MonitoringStore contract: run against every adapter and the fake. Each test writes under its
 * own run id, so one database can be shared by the whole suite.
 */
export const describeMonitoringStoreContract = (
  name: string,
  make: () => Promise<StoreUnderTest>,
): void => {
  describe(`MonitoringStore contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: MonitoringStore;
    const newRun = () => `run-${randomUUID()}`;

    beforeAll(async () => {
      subject = await make();
      store = subject.store;
      await store.open();
    });
    afterAll(async () => {
      await store.close();
      await subject.cleanup();
    });

    describe('.open', () => {
      it('is idempotent', async () => {
        await expect(store.open()).resolves.toBeUndefined();
      });
    });

    describe('.write', () => {
      it('stores a workflow that listWorkflows returns with its task counts', async () => {
        const runId = newRun();
        await store.write(
          F.batch({
            workflows: [F.workflow(runId, { workflowName: 'science', tasksCompletedCount: 1 })],
            tasks: [
              F.task(runId, 0, { taskStatus: 'exec_done', timeReturned: 1 }),
              F.task(runId, 1),
            ],
          }),
        );
        const listed = (await store.listWorkflows()).find((w) => w.runId === runId);
        expect(listed).toMatchObject({
          workflowName: 'science',
          tasksCompletedCount: 1,
          tasksTotal: 2,
          tasksActive: 1,
          timeCompleted: null,
        });
      });

      it('replaces a task row on a second write (upsert), keeping one row per task', async () => {
        const runId = newRun();
        await store.write(F.batch({ workflows: [F.workflow(runId)], tasks: [F.task(runId, 7)] }));
        await store.write(
          F.batch({
            tasks: [
              F.task(runId, 7, {
                taskStatus: 'failed',
                failCount: 2,
                timeReturned: 1_700_000_000_500,
              }),
            ],
          }),
        );
        const page = await store.listTasks(runId, { offset: 0, limit: 10 });
        expect(page.total).toBe(1);
        expect(page.rows[0]).toMatchObject({
          taskStatus: 'failed',
          failCount: 2,
          timeReturned: 1_700_000_000_500,
        });
      });

      it('keeps appended rows once when the same batch is written twice', async () => {
        const runId = newRun();
        const batch = F.batch({
          workflows: [F.workflow(runId)],
          statuses: [F.status(runId, 0, 'pending', 10), F.status(runId, 0, 'launched', 11)],
          blocks: [F.block(runId, '0', 'PENDING', 5)],
          resources: [F.resource(runId, 0, 12)],
          nodes: [
            {
              runId,
              executorLabel: 'htex',
              hostname: 'n1',
              uid: 'mgr-1',
              blockId: '0',
              cpuCount: 2,
              totalMemory: 1e9,
              active: true,
              workerCount: 2,
              timestamp: 6,
            },
          ],
        });
        await store.write(batch);
        await store.write(batch);
        expect(await store.rowCounts(runId)).toEqual({
          tasks: 0,
          tries: 0,
          statuses: 2,
          blocks: 1,
          nodes: 1,
          resources: 1,
        });
      });

      it('accepts overlapping writes from several callers', async () => {
        const runId = newRun();
        await Promise.all(
          Array.from({ length: 5 }, (_, k) =>
            store.write(
              F.batch({ statuses: [F.status(runId, k, 'pending', k)], tasks: [F.task(runId, k)] }),
            ),
          ),
        );
        expect(await store.rowCounts(runId)).toMatchObject({ tasks: 5, statuses: 5 });
      });

      it('round-trips dependencies, nulls and try details', async () => {
        const runId = newRun();
        await store.write(
          F.batch({
            tasks: [F.task(runId, 3, { dependsOn: [1, 2] })],
            tries: [
              F.try(runId, 3, 0, { failMessage: 'boom', timeReturned: 1_700_000_000_200 }),
              F.try(runId, 3, 1, {
                blockId: 'b1',
                hostname: 'node-a',
                timeRunning: 1_700_000_000_300,
              }),
            ],
          }),
        );
        const task = (await store.listTasks(runId, { offset: 0, limit: 1 })).rows[0];
        expect(task?.dependsOn).toEqual([1, 2]);
        const tries = await store.listTries(runId, { offset: 0, limit: 10 });
        expect(tries.rows).toEqual([
          F.try(runId, 3, 0, { failMessage: 'boom', timeReturned: 1_700_000_000_200 }),
          F.try(runId, 3, 1, { blockId: 'b1', hostname: 'node-a', timeRunning: 1_700_000_000_300 }),
        ]);
      });
    });

    describe('.listWorkflows', () => {
      it('lists runs newest first', async () => {
        const older = newRun();
        const newer = newRun();
        await store.write(
          F.batch({
            workflows: [
              F.workflow(older, { timeBegan: 2e12 }),
              F.workflow(newer, { timeBegan: 2e12 + 1 }),
            ],
          }),
        );
        const ids = (await store.listWorkflows()).map((w) => w.runId);
        expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
      });
    });

    describe('.getWorkflow', () => {
      it('returns undefined for an unknown run', async () => {
        expect(await store.getWorkflow(newRun())).toBeUndefined();
      });
    });

    describe('.appSummary and .stateCounts', () => {
      const runId = newRun();
      beforeAll(async () => {
        await store.write(
          F.batch({
            tasks: [
              F.task(runId, 0, {
                appName: 'b',
                taskStatus: 'exec_done',
                timeInvoked: 0,
                timeReturned: 100,
              }),
              F.task(runId, 1, {
                appName: 'b',
                taskStatus: 'failed',
                timeInvoked: 0,
                timeReturned: 300,
              }),
              F.task(runId, 2, { appName: 'a', taskStatus: 'launched', timeInvoked: 0 }),
              F.task(runId, 3, {
                appName: 'a',
                taskStatus: 'dep_fail',
                timeInvoked: 0,
                timeReturned: 50,
              }),
            ],
          }),
        );
      });

      it('counts and times each app, by name', async () => {
        expect(await store.appSummary(runId)).toEqual([
          {
            appName: 'a',
            count: 2,
            completed: 0,
            failed: 1,
            meanDurationMs: 50,
            minDurationMs: 50,
            maxDurationMs: 50,
          },
          {
            appName: 'b',
            count: 2,
            completed: 1,
            failed: 1,
            meanDurationMs: 200,
            minDurationMs: 100,
            maxDurationMs: 300,
          },
        ]);
      });

      it('lists the app names, sorted', async () => {
        expect(await store.appNames(runId)).toEqual(['a', 'b']);
      });

      it('counts tasks by latest state', async () => {
        expect(await store.stateCounts(runId)).toEqual({
          exec_done: 1,
          failed: 1,
          launched: 1,
          dep_fail: 1,
        });
      });
    });

    describe('.listTasks', () => {
      const runId = newRun();
      beforeAll(async () => {
        await store.write(
          F.batch({
            tasks: Array.from({ length: 25 }, (_, i) =>
              F.task(runId, 24 - i, {
                appName: i % 2 === 0 ? 'even' : 'odd',
                taskStatus: i < 5 ? 'failed' : 'exec_done',
              }),
            ),
          }),
        );
      });

      it('returns a window ordered by task id with the total', async () => {
        const page = await store.listTasks(runId, { offset: 10, limit: 5 });
        expect(page.total).toBe(25);
        expect(page.rows.map((t) => t.taskId)).toEqual([10, 11, 12, 13, 14]);
      });

      it('filters by app and state', async () => {
        const page = await store.listTasks(runId, {
          offset: 0,
          limit: 100,
          appName: 'even',
          state: 'failed',
        });
        expect(page.rows.map((t) => t.taskId)).toEqual([20, 22, 24]);
        expect(page.total).toBe(3);
      });
    });

    describe('.getTask', () => {
      it('returns one task, or undefined for an unknown id', async () => {
        const runId = newRun();
        await store.write(
          F.batch({ tasks: [F.task(runId, 5, { appName: 'five', dependsOn: [3] })] }),
        );
        expect(await store.getTask(runId, 5)).toEqual(
          F.task(runId, 5, { appName: 'five', dependsOn: [3] }),
        );
        expect(await store.getTask(runId, 6)).toBeUndefined();
      });
    });

    describe('.taskHistory', () => {
      it('returns transitions oldest first', async () => {
        const runId = newRun();
        await store.write(
          F.batch({
            statuses: [
              F.status(runId, 1, 'exec_done', 30),
              F.status(runId, 1, 'pending', 10),
              F.status(runId, 1, 'launched', 20),
              F.status(runId, 2, 'pending', 15),
            ],
          }),
        );
        expect((await store.taskHistory(runId, 1)).map((s) => s.state)).toEqual([
          'pending',
          'launched',
          'exec_done',
        ]);
      });

      it('orders by try, then time, then lifecycle when transitions share a millisecond', async () => {
        const runId = newRun();
        await store.write(
          F.batch({
            statuses: [
              F.status(runId, 1, 'failed', 50, 1),
              F.status(runId, 1, 'fail_retryable', 50, 0),
              F.status(runId, 1, 'launched', 50, 1),
              F.status(runId, 1, 'launched', 50, 0),
              F.status(runId, 1, 'pending', 50, 1),
              F.status(runId, 1, 'pending', 50, 0),
            ],
          }),
        );
        expect((await store.taskHistory(runId, 1)).map((s) => `${s.tryId}:${s.state}`)).toEqual([
          '0:pending',
          '0:launched',
          '0:fail_retryable',
          '1:pending',
          '1:launched',
          '1:failed',
        ]);
      });
    });

    describe('.listBlocks', () => {
      it('returns block changes oldest first', async () => {
        const runId = newRun();
        await store.write(
          F.batch({
            blocks: [F.block(runId, '0', 'RUNNING', 20), F.block(runId, '0', 'PENDING', 10)],
          }),
        );
        expect((await store.listBlocks(runId)).map((b) => b.status)).toEqual([
          'PENDING',
          'RUNNING',
        ]);
      });
    });

    describe('.resourceUsage', () => {
      it('averages each task within a bucket and sums over tasks', async () => {
        const runId = newRun();
        await store.write(
          F.batch({
            resources: [
              F.resource(runId, 1, 0, { cpuPercent: 10, memoryResident: 100 }),
              F.resource(runId, 1, 1, { cpuPercent: 30, memoryResident: 300 }),
              F.resource(runId, 2, 1, { cpuPercent: 50, memoryResident: 1000 }),
              F.resource(runId, 2, 3, { cpuPercent: 70, memoryResident: 2000 }),
            ],
          }),
        );
        expect(await store.resourceUsage(runId, 2)).toEqual([
          { start: 0, cpuPercent: 70, memoryResident: 1200, samples: 3, tasks: 2 },
          { start: 2, cpuPercent: 70, memoryResident: 2000, samples: 1, tasks: 1 },
        ]);
      });

      it('returns no buckets for a run without samples', async () => {
        expect(await store.resourceUsage(newRun(), 10)).toEqual([]);
      });
    });

    describe('when not open', () => {
      it('rejects a write with a MonitoringError', async () => {
        const other = await make();
        await expect(
          other.store.write(F.batch({ workflows: [F.workflow(newRun())] })),
        ).rejects.toBeInstanceOf(MonitoringError);
        await other.cleanup();
      });
    });
  });
};
