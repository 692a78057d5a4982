import { describe, expect, it } from 'vitest';
import { TaskEventLog } from '../../../src/app/monitoring/TaskEventLog.js';
import {
  forEachTaskEvent,
  type TaskEventColumns,
  transferList,
} from '../../../src/app/monitoring/taskEventColumns.js';
import type { TaskStateEvent } from '../../../src/domain/task/TaskEvent.js';

const ev = (taskId: number, to: TaskStateEvent['to'], extra: Partial<TaskStateEvent> = {}) =>
  ({
    type: 'task-state',
    taskId,
    appName: `app${taskId % 2}`,
    executor: 'threads',
    tryId: taskId % 3,
    from: undefined,
    to,
    at: 1000 + taskId,
    error: undefined,
    dependsOn: undefined,
    ...extra,
  }) satisfies TaskStateEvent;

const drained = (log: TaskEventLog): TaskStateEvent[] => {
  const out: TaskStateEvent[] = [];
  log.drain((e) => out.push(e));
  return out;
};

describe(TaskEventLog.name, () => {
  it('gives back every field the rows need, in order, and empties itself', () => {
    const log = new TaskEventLog();
    const events = [
      ev(0, 'pending', { dependsOn: [] }),
      ev(1, 'pending', { dependsOn: [0] }),
      ev(0, 'launched'),
      ev(1, 'failed', { error: 'ValueError: boom' }),
    ];
    for (const e of events) log.push(e);
    expect(log.length).toBe(4);
    expect(drained(log)).toEqual(events);
    expect(log.length).toBe(0);
    expect(drained(log)).toEqual([]);
  });

  it('does not carry an error or dependency list over to a reused slot', () => {
    const log = new TaskEventLog();
    log.push(ev(0, 'failed', { error: 'boom', dependsOn: [3] }));
    drained(log);
    log.push(ev(0, 'launched'));
    expect(drained(log)).toEqual([ev(0, 'launched')]);
  });

  it('keeps events pushed while it is being drained', () => {
    const log = new TaskEventLog();
    log.push(ev(0, 'pending'));
    const seen: number[] = [];
    log.drain((e) => {
      seen.push(e.taskId);
      log.push(ev(e.taskId + 1, 'pending'));
    });
    expect(seen).toEqual([0]);
    expect(drained(log).map((e) => e.taskId)).toEqual([1]);
  });

  it('keeps order and fields across many chunks, and reuses them after a drain', () => {
    const log = new TaskEventLog();
    for (let round = 0; round < 2; round += 1) {
      const events = Array.from({ length: 10_000 }, (_, i) =>
        ev(i, i % 2 === 0 ? 'pending' : 'exec_done', i === 9_999 ? { error: 'late' } : {}),
      );
      for (const e of events) log.push(e);
      expect(log.length).toBe(10_000);
      expect(drained(log)).toEqual(events);
    }
  });

  it('grows past its reserve and keeps the app, executor and try of each change', () => {
    const log = new TaskEventLog({ reservedEvents: 0 });
    const events = Array.from({ length: 9_000 }, (_, i) =>
      ev(i >> 2, 'pending', {
        appName: `app${i % 3}`,
        executor: i % 5 === 0 ? 'htex' : 'threads',
        tryId: i % 4,
      }),
    );
    for (const e of events) log.push(e);
    expect(drained(log)).toEqual(events);
  });

  it('gives the first change after a drain its time, app and executor, though the last change before had the same', () => {
    const log = new TaskEventLog();
    const same = { at: 5_000, appName: 'sim', executor: 'htex' };
    log.push(ev(0, 'pending', same));
    log.push(ev(1, 'pending', same));
    expect(drained(log)).toEqual([ev(0, 'pending', same), ev(1, 'pending', same)]);
    log.push(ev(2, 'launched', same));
    const columns = log.takeColumns() as TaskEventColumns;
    const events: TaskStateEvent[] = [];
    forEachTaskEvent(columns, (e) => events.push(e));
    expect(events).toEqual([ev(2, 'launched', same)]);
  });

  it('keeps every state, and runs of equal times among changing ones', () => {
    const states: TaskStateEvent['to'][] = [
      'pending',
      'launched',
      'running',
      'running_ended',
      'joining',
      'exec_done',
      'memo_done',
      'failed',
      'dep_fail',
      'fail_retryable',
    ];
    const log = new TaskEventLog({ reservedEvents: 0 });
    const events = Array.from({ length: 3_000 }, (_, i) =>
      ev(i, states[Math.floor(i / 7) % states.length] as TaskStateEvent['to'], {
        at: 1_763_750_000_000 + Math.floor(i / 30),
        tryId: i % 11 === 0 ? 2 ** 31 - 1 : 0,
      }),
    );
    for (const e of events) log.push(e);
    expect(drained(log)).toEqual(events);
  });

  it('keeps a time to the millisecond and task ids beyond 32 bits', () => {
    const log = new TaskEventLog();
    const e = ev(2 ** 40, 'exec_done', { at: 1_763_750_000_123 });
    log.push(e);
    expect(drained(log)).toEqual([e]);
  });

  describe('takeColumns', () => {
    const read = (columns: TaskEventColumns | undefined): TaskStateEvent[] => {
      const out: TaskStateEvent[] = [];
      if (columns !== undefined) forEachTaskEvent(columns, (e) => out.push(e));
      return out;
    };

    it('packs every field across chunks, sends each string once, and empties the log', () => {
      const log = new TaskEventLog({ reservedEvents: 512 });
      const events = Array.from({ length: 1_300 }, (_, i) =>
        ev(i, i % 3 === 0 ? 'pending' : 'exec_done', {
          executor: i % 5 === 0 ? 'htex' : 'threads',
          at: 1_763_750_000_000 + i,
          ...(i % 3 === 0 ? { dependsOn: i === 0 ? [] : [i - 3, i - 1] } : {}),
          ...(i === 1_299 ? { error: 'RuntimeError: late' } : {}),
        }),
      );
      for (const e of events) log.push(e);
      const columns = log.takeColumns();
      expect(log.length).toBe(0);
      expect(columns?.strings).toHaveLength(
        new Set(['pending', 'exec_done', 'app0', 'app1', 'htex', 'threads']).size,
      );
      expect(read(columns)).toEqual(events);
      expect(log.takeColumns()).toBeUndefined();
    });

    it('survives a transfer to another thread and leaves the log usable', () => {
      const log = new TaskEventLog();
      const first = [ev(0, 'pending', { dependsOn: [] }), ev(0, 'failed', { error: 'boom' })];
      for (const e of first) log.push(e);
      const columns = log.takeColumns() as TaskEventColumns;
      const moved = structuredClone(columns, { transfer: transferList(columns) });
      expect(columns.numbers.length).toBe(0); // transferred, not copied
      expect(read(moved)).toEqual(first);
      log.push(ev(1, 'launched'));
      expect(read(log.takeColumns())).toEqual([ev(1, 'launched')]);
    });
  });
});
