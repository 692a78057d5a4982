import { describe, expect, it } from 'vitest';
import { type LiveRow, RowBuffer } from '../../../src/app/monitoring/RowBuffer.js';
import type { TaskRow } from '../../../src/ports/MonitoringStore.js';
import { MonitoringFixtures as F } from '../../fixtures/MonitoringFixtures.js';

const live = (row: TaskRow): LiveRow<TaskRow> => ({ ...row, queued: false });

describe(RowBuffer.name, () => {
  describe('.putTask', () => {
    it('queues a live row once and writes its state at take time', () => {
      const buffer = new RowBuffer(10);
      const row = live(F.task('r', 1));
      buffer.putTask(row);
      row.taskStatus = 'exec_done';
      buffer.putTask(row);
      expect(buffer.size).toBe(1);
      expect(buffer.take(100).tasks).toEqual([F.task('r', 1, { taskStatus: 'exec_done' })]);
    });

    it('queues the row again after it was taken', () => {
      const buffer = new RowBuffer(10);
      const row = live(F.task('r', 1));
      buffer.putTask(row);
      buffer.take(100);
      row.taskStatus = 'launched';
      buffer.putTask(row);
      expect(buffer.take(100).tasks).toEqual([F.task('r', 1, { taskStatus: 'launched' })]);
    });
  });

  describe('.take', () => {
    it('takes at most the limit, current-state rows first, oldest history first', () => {
      const buffer = new RowBuffer(100);
      buffer.addStatus(F.status('r', 1, 'pending', 1));
      buffer.addStatus(F.status('r', 1, 'launched', 2));
      buffer.putTask(live(F.task('r', 1)));
      const first = buffer.take(2);
      expect(first.tasks).toHaveLength(1);
      expect(first.statuses.map((s) => s.state)).toEqual(['pending']);
      expect(buffer.size).toBe(1);
    });
  });

  describe('.restore', () => {
    it('puts a failed batch back before newer history, and the newer live state wins', () => {
      const buffer = new RowBuffer(100);
      const row = live(F.task('r', 1));
      buffer.putTask(row);
      buffer.addStatus(F.status('r', 1, 'pending', 1));
      const failed = buffer.take(100);
      row.taskStatus = 'launched';
      buffer.putTask(row);
      buffer.addStatus(F.status('r', 1, 'launched', 2));
      buffer.restore(failed);
      const all = buffer.take(100);
      expect(all.tasks).toEqual([F.task('r', 1, { taskStatus: 'launched' })]);
      expect(all.statuses.map((s) => s.state)).toEqual(['pending', 'launched']);
    });

    it('keeps the failed row when nothing newer came', () => {
      const buffer = new RowBuffer(100);
      buffer.putTask(live(F.task('r', 2, { taskStatus: 'failed' })));
      buffer.restore(buffer.take(100));
      expect(buffer.take(100).tasks).toEqual([F.task('r', 2, { taskStatus: 'failed' })]);
    });
  });

  describe('.enforceCapacity', () => {
    it('drops the oldest resource samples first, then the oldest status rows, never task rows', () => {
      const buffer = new RowBuffer(3);
      for (let i = 0; i < 3; i++) buffer.addStatus(F.status('r', i, 'pending', i));
      for (let i = 0; i < 2; i++) buffer.addResource(F.resource('r', 0, i));
      buffer.putTask(live(F.task('r', 0)));
      expect(buffer.enforceCapacity()).toEqual({ resources: 2, statuses: 0, blocks: 0, nodes: 0 });
      buffer.addStatus(F.status('r', 9, 'pending', 9));
      expect(buffer.enforceCapacity()).toEqual({ resources: 0, statuses: 1, blocks: 0, nodes: 0 });
      const left = buffer.take(100);
      expect(left.statuses.map((s) => s.taskId)).toEqual([1, 2, 9]);
      expect(left.tasks).toHaveLength(1);
    });
  });
});
