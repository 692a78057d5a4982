import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  app,
  type DataFlowKernel,
  DependencyError,
  FutureTimeoutError,
  JoinError,
  joinApp,
  KernelClosedError,
  type KernelEvent,
  TaskCancelled,
  UnknownExecutorError,
} from '../../../src/index.js';
import { loadTestKernel } from '../../support/testKernel.js';

let kernel: DataFlowKernel;
afterEach(async () => {
  await kernel?.cleanup({ abort: true });
});

describe('DataFlowKernel', () => {
  describe('when apps depend on futures', () => {
    it('waits for positional futures and plain promises before launching', async () => {
      kernel = await loadTestKernel();
      const add = app((a: number, b: number) => a + b, { kernel });
      const slow = new Promise<number>((resolve) => setTimeout(() => resolve(10), 20));
      const first = add(1, 2);
      expect(first.done()).toBe(false);
      expect(await add(first, slow)).toBe(13);
    });

    it('returns a future at once with an integer task id counting from 0', async () => {
      kernel = await loadTestKernel();
      const id = app(() => 1, { kernel });
      expect([id().taskId, id().taskId, id().tid]).toEqual([0, 1, 2]);
      await kernel.waitForCurrentTasks();
    });
  });

  describe('lazy errors: the A..F graph of the seeds (S004 L2452-2466)', () => {
    it('fails C and its descendants E and F with DependencyError naming the parents; D still completes', async () => {
      kernel = await loadTestKernel();
      const ok = app((..._parents: unknown[]) => 'ok', { kernel, name: 'ok' });
      const boom = app(
        (_parent: unknown): string => {
          throw new Error('C failed');
        },
        { kernel, name: 'boom' },
      );
      const a = ok();
      const b = ok(a);
      const c = boom(a);
      const d = ok(b);
      const e = ok(c);
      const f = ok(d, e);
      await kernel.waitForCurrentTasks();
      expect(await d).toBe('ok');
      await expect(c).rejects.toThrow('C failed');
      const eError = await e.exception();
      expect(eError).toBeInstanceOf(DependencyError);
      expect((eError as DependencyError).failedTaskIds).toEqual([c.taskId]);
      const fError = (await f.exception()) as DependencyError;
      expect(fError.failedTaskIds).toEqual([e.taskId]);
      expect(fError.message).toMatch(new RegExp(`task ${e.taskId}`));
    });
  });

  describe('retries', () => {
    it('retries a failing task until it succeeds within retries', async () => {
      kernel = await loadTestKernel({ retries: 2 });
      let calls = 0;
      const flaky = app(
        () => {
          calls += 1;
          if (calls < 3) throw new Error(`attempt ${calls}`);
          return calls;
        },
        { kernel },
      );
      expect(await flaky()).toBe(3);
    });

    it('keeps the last exception when retries run out', async () => {
      kernel = await loadTestKernel({ retries: 1 });
      let calls = 0;
      const bad = app(
        () => {
          calls += 1;
          throw new Error(`attempt ${calls}`);
        },
        { kernel },
      );
      await expect(bad()).rejects.toThrow('attempt 2');
      expect(calls).toBe(2);
    });

    it('charges each failure what the retry handler says', async () => {
      let seen = 0;
      kernel = await loadTestKernel({
        retries: 3,
        retryHandler: (error) => {
          seen += 1;
          return error instanceof RangeError ? 10 : 1;
        },
      });
      let calls = 0;
      const bad = app(
        () => {
          calls += 1;
          throw new RangeError('fatal');
        },
        { kernel },
      );
      await expect(bad()).rejects.toThrow('fatal');
      expect([calls, seen]).toEqual([1, 1]);
    });

    it('never retries a dependency failure', async () => {
      kernel = await loadTestKernel({ retries: 3 });
      let runs = 0;
      const fail = app(
        (): number => {
          throw new Error('parent');
        },
        { kernel },
      );
      const child = app(
        (x: number) => {
          runs += 1;
          return x;
        },
        { kernel },
      );
      await expect(child(fail())).rejects.toBeInstanceOf(DependencyError);
      expect(runs).toBe(0);
    });
  });

  describe('executor choice', () => {
    it('refuses an unknown executor label at call time, naming the known ones', async () => {
      kernel = await loadTestKernel();
      const f = app(() => 1, { kernel, executors: ['gpu'] });
      expect(() => f()).toThrow(UnknownExecutorError);
      expect(() => f()).toThrow(/"gpu".*Configured executors: "local"/);
    });

    it('runs on the named executor only', async () => {
      kernel = await loadTestKernel({
        executors: [
          { kind: 'in-process', label: 'a' },
          { kind: 'in-process', label: 'b' },
        ],
      });
      const events: KernelEvent[] = [];
      kernel.events$.subscribe((e) => events.push(e));
      const onB = app(() => 1, { kernel, executors: ['b'] });
      await Promise.all([onB(), onB(), onB()]);
      const executors = new Set(
        events.flatMap((e) => (e.type === 'task-state' ? [e.executor] : [])),
      );
      expect([...executors]).toEqual(['b']);
    });

    it("spreads 'all' over every executor", async () => {
      kernel = await loadTestKernel({
        executors: [
          { kind: 'in-process', label: 'a' },
          { kind: 'in-process', label: 'b' },
        ],
      });
      const events: KernelEvent[] = [];
      kernel.events$.subscribe((e) => events.push(e));
      const any = app(() => 1, { kernel });
      await Promise.all(Array.from({ length: 60 }, () => any()));
      const executors = new Set(
        events.flatMap((e) => (e.type === 'task-state' ? [e.executor] : [])),
      );
      expect([...executors].sort()).toEqual(['a', 'b']);
    });
  });

  describe('join apps', () => {
    it('completes with the values of the futures it returned', async () => {
      kernel = await loadTestKernel();
      const inc = app((x: number) => x + 1, { kernel });
      const fanOut = joinApp((n: number) => Array.from({ length: n }, (_, i) => inc(i)), {
        kernel,
      });
      const sumOf = joinApp((n: number) => inc(n), { kernel });
      expect(await fanOut(3)).toEqual([1, 2, 3]);
      expect(await sumOf(41)).toBe(42);
    });

    it('fails with JoinError when a returned future fails', async () => {
      kernel = await loadTestKernel();
      const bad = app(
        (): number => {
          throw new Error('inner');
        },
        { kernel },
      );
      const outer = joinApp(() => [bad()], { kernel });
      await expect(outer()).rejects.toBeInstanceOf(JoinError);
    });
  });

  describe('futures', () => {
    it('cancels a task that waits for a dependency, and not a finished one', async () => {
      kernel = await loadTestKernel();
      let release: (v: number) => void = () => {};
      const gate = new Promise<number>((resolve) => {
        release = resolve;
      });
      const f = app((x: number) => x, { kernel });
      const waiting = f(gate);
      expect(waiting.cancel()).toBe(true);
      expect(waiting.cancelled()).toBe(true);
      await expect(waiting).rejects.toBeInstanceOf(TaskCancelled);
      release(1);
      const done = f(1);
      await done;
      expect(done.cancel()).toBe(false);
    });

    it('times out result(timeout) without stopping the task', async () => {
      kernel = await loadTestKernel();
      const slow = app(() => new Promise((resolve) => setTimeout(() => resolve('late'), 100)), {
        kernel,
      });
      const future = slow();
      await expect(future.result(5)).rejects.toBeInstanceOf(FutureTimeoutError);
      expect(await future.result()).toBe('late');
    });

    it('does not crash the process when a failed future is never awaited', async () => {
      kernel = await loadTestKernel();
      const bad = app(
        (): number => {
          throw new Error('ignored');
        },
        { kernel },
      );
      const ignored = bad();
      await kernel.waitForCurrentTasks();
      // vitest fails the run on any unhandled rejection; reaching here with a failed future is the test
      expect(ignored.failed()).toBe(true);
    });
  });

  describe('state events and memory', () => {
    it('emits pending -> launched -> exec_done for each task, in order', async () => {
      kernel = await loadTestKernel();
      const events: KernelEvent[] = [];
      kernel.events$.subscribe((e) => events.push(e));
      const f = app(() => 1, { kernel });
      await f();
      const moves = events.flatMap((e) =>
        e.type === 'task-state' ? [`${e.from ?? '-'}>${e.to}`] : [],
      );
      expect(moves).toEqual(['->pending', 'pending>launched', 'launched>exec_done']);
    });

    it('releases finished task records (garbageCollect)', async () => {
      kernel = await loadTestKernel();
      const f = app((x: number) => x, { kernel });
      await Promise.all(Array.from({ length: 100 }, (_, i) => f(i)));
      expect(kernel.taskCount).toBe(0);
    });

    it('keeps them with garbageCollect off', async () => {
      kernel = await loadTestKernel({ garbageCollect: false });
      const f = app((x: number) => x, { kernel });
      await Promise.all(Array.from({ length: 5 }, (_, i) => f(i)));
      expect(kernel.taskCount).toBe(5);
    });
  });

  describe('run directory and cleanup', () => {
    it('writes a real log file in runinfo/NNN', async () => {
      kernel = await loadTestKernel();
      await app(() => 1, { kernel, name: 'logged' })();
      const runDir = kernel.runDir;
      await kernel.cleanup();
      expect(runDir).toMatch(/\/000$/);
      const log = readFileSync(`${runDir}/parsl.log`, 'utf8');
      expect(log).toMatch(/DataFlowKernel started/);
      expect(log).toMatch(/Task 0 \(logged\) exec_done on local/);
      expect(log).toMatch(/cleaned up: 1 exec_done/);
    });

    it('waits for running tasks, then refuses new calls', async () => {
      kernel = await loadTestKernel();
      const slow = app(() => new Promise((resolve) => setTimeout(() => resolve('done'), 30)), {
        kernel,
      });
      const future = slow();
      await kernel.cleanup();
      expect(future.done()).toBe(true);
      expect(() => slow()).toThrow(KernelClosedError);
    });

    it('fails unfinished tasks at once with abort', async () => {
      kernel = await loadTestKernel();
      const never = app(() => new Promise(() => {}), { kernel });
      const future = never();
      await new Promise((resolve) => setTimeout(resolve, 5));
      await kernel.cleanup({ abort: true });
      await expect(future).rejects.toBeInstanceOf(KernelClosedError);
    });
  });
});
