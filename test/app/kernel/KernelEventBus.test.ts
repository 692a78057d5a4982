import { describe, expect, it } from 'vitest';
import { KernelEventBus } from '../../../src/app/kernel/KernelEventBus.js';
import type { KernelEvent, TaskStateEvent } from '../../../src/domain/task/TaskEvent.js';

const change = (bus: KernelEventBus, taskId: number, to: TaskStateEvent['to']): void =>
  bus.taskState(taskId, 'add', 'threads', 0, undefined, to, 1000 + taskId, undefined, []);

describe(KernelEventBus.name, () => {
  it('wants task states only while a sink or a subscriber listens', () => {
    const bus = new KernelEventBus();
    expect(bus.wantsTaskStates).toBe(false);
    const remove = bus.addEventSink(() => undefined);
    expect(bus.wantsTaskStates).toBe(true);
    remove();
    expect(bus.wantsTaskStates).toBe(false);
    const subscription = bus.events$.subscribe();
    expect(bus.wantsTaskStates).toBe(true);
    subscription.unsubscribe();
    expect(bus.wantsTaskStates).toBe(false);
    const removeRecorder = bus.addEventRecorder({
      taskState: () => undefined,
      event: () => undefined,
    });
    bus.events$.subscribe().unsubscribe();
    expect(bus.wantsTaskStates).toBe(true);
    removeRecorder();
    expect(bus.wantsTaskStates).toBe(false);
  });

  it('gives sinks the fields of each change in one reused object, and subscribers fresh ones', () => {
    const bus = new KernelEventBus();
    const copies: Array<[number, string]> = [];
    const seen = new Set<KernelEvent>();
    bus.addEventSink((e) => {
      seen.add(e);
      if (e.type === 'task-state') copies.push([e.taskId, e.to]);
    });
    const observed: KernelEvent[] = [];
    bus.events$.subscribe((e) => observed.push(e));
    change(bus, 1, 'pending');
    change(bus, 1, 'launched');
    change(bus, 2, 'pending');
    expect(copies).toEqual([
      [1, 'pending'],
      [1, 'launched'],
      [2, 'pending'],
    ]);
    expect(seen.size).toBe(1);
    expect(observed.map((e) => (e.type === 'task-state' ? [e.taskId, e.to, e.at] : []))).toEqual([
      [1, 'pending', 1001],
      [1, 'launched', 1001],
      [2, 'pending', 1002],
    ]);
    expect(new Set(observed).size).toBe(3);
  });

  it('sends other events to sinks and subscribers alike, and drops sinks on complete', () => {
    const bus = new KernelEventBus();
    const toSink: KernelEvent[] = [];
    bus.addEventSink((e) => toSink.push(e));
    let completed = false;
    bus.events$.subscribe({ complete: () => (completed = true) });
    const start: KernelEvent = { type: 'workflow-start', runId: 'r', runDir: 'd', at: 1 };
    bus.emit(start);
    bus.complete();
    bus.emit({ type: 'workflow-end', runId: 'r', runDir: 'd', at: 2 });
    expect(toSink).toEqual([start]);
    expect(completed).toBe(true);
    expect(bus.wantsTaskStates).toBe(false);
  });

  it('gives recorders each change as arguments and every other event as an object', () => {
    const bus = new KernelEventBus();
    const changes: unknown[][] = [];
    const others: KernelEvent[] = [];
    const remove = bus.addEventRecorder({
      taskState: (...fields) => changes.push(fields),
      event: (e) => others.push(e),
    });
    expect(bus.wantsTaskStates).toBe(true);
    bus.taskState(3, 'add', 'threads', 1, 'launched', 'exec_done', 42, undefined, undefined);
    bus.emit({ type: 'workflow-start', runId: 'r', runDir: 'd', at: 1 });
    bus.emit({
      type: 'task-state',
      taskId: 4,
      appName: 'mul',
      executor: 'htex',
      tryId: 0,
      from: undefined,
      to: 'pending',
      at: 43,
      error: undefined,
      dependsOn: [3],
    });
    expect(changes).toEqual([
      [3, 'add', 'threads', 1, 'exec_done', 42, undefined, undefined],
      [4, 'mul', 'htex', 0, 'pending', 43, undefined, [3]],
    ]);
    expect(others).toEqual([{ type: 'workflow-start', runId: 'r', runDir: 'd', at: 1 }]);
    remove();
    expect(bus.wantsTaskStates).toBe(false);
  });

  it('gives every change to each of several recorders and sinks, in the order added, until each is removed', () => {
    const bus = new KernelEventBus();
    const got: string[] = [];
    const recorder = (name: string) => ({
      taskState: (taskId: number, _app: string, _executor: string, _try: number, to: string) =>
        got.push(`${name}:${taskId}:${to}`),
      event: () => undefined,
    });
    const removeFirst = bus.addEventRecorder(recorder('first'));
    bus.addEventRecorder(recorder('second'));
    const removeSink = bus.addEventSink((e) => {
      if (e.type === 'task-state') got.push(`sink:${e.taskId}:${e.to}`);
    });
    change(bus, 1, 'pending');
    removeFirst();
    change(bus, 2, 'pending');
    removeSink();
    change(bus, 3, 'pending');
    expect(got).toEqual([
      'first:1:pending',
      'second:1:pending',
      'sink:1:pending',
      'second:2:pending',
      'sink:2:pending',
      'second:3:pending',
    ]);
  });

  it('names its recorder as the sole one only while nothing else observes', () => {
    const bus = new KernelEventBus();
    const recorder = { taskState: () => undefined, event: () => undefined };
    expect(bus.soleRecorder).toBeUndefined();
    const remove = bus.addEventRecorder(recorder);
    expect(bus.soleRecorder).toBe(recorder);
    const removeSink = bus.addEventSink(() => undefined);
    expect(bus.soleRecorder).toBeUndefined();
    removeSink();
    expect(bus.soleRecorder).toBe(recorder);
    const subscription = bus.events$.subscribe();
    expect(bus.soleRecorder).toBeUndefined();
    subscription.unsubscribe();
    const removeSecond = bus.addEventRecorder({ ...recorder });
    expect(bus.soleRecorder).toBeUndefined();
    removeSecond();
    expect(bus.soleRecorder).toBe(recorder);
    remove();
    expect(bus.soleRecorder).toBeUndefined();
  });

  it('tells its clock each time a recorder or sink is added, so that it gets ready for dense reads', () => {
    let added = 0;
    const bus = new KernelEventBus({
      now: () => 0,
      expectDenseReads: async () => {
        added += 1;
      },
    });
    bus.addEventSink(() => undefined);
    bus.addEventRecorder({ taskState: () => undefined, event: () => undefined });
    expect(added).toBe(2);
  });
});
