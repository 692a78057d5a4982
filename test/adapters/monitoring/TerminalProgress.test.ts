import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../../../bench/support/syntheticRun.js';
import {
  type ProgressStream,
  TerminalProgress,
} from '../../../src/adapters/monitoring/TerminalProgress.js';
import type { KernelEvent } from '../../../src/domain/task/TaskEvent.js';

class CapturedStream implements ProgressStream {
  public readonly writes: string[] = [];
  public constructor(
    public readonly isTTY: boolean,
    public readonly columns = 200,
  ) {}
  public write(text: string): boolean {
    this.writes.push(text);
    return true;
  }
}

const tick = () => new Promise((r) => setTimeout(r, 30));

describe(TerminalProgress.name, () => {
  describe('on a TTY', () => {
    it('redraws one live line with per-executor counts', async () => {
      const stream = new CapturedStream(true);
      const progress = new TerminalProgress({ stream, intervalMs: 5 });
      const events$ = new Subject<KernelEvent>();
      progress.attach(events$);
      const { events } = syntheticRun(40, 'r');
      for (const e of events.slice(0, -1)) events$.next(e);
      await tick();
      const last = stream.writes.at(-1) ?? '';
      expect(last.startsWith('\r\x1b[2K')).toBe(true);
      expect(last).toContain('parsl: 40/40 finished · 39 done · 1 failed · 0 running · 0 pending');
      expect(last).toContain('threads: 20 done, 0 failed, 0 running');
      expect(last).toContain('htex: 19 done, 1 failed, 0 running');
      progress.close();
    });

    it('prints a summary when the run ends', () => {
      const stream = new CapturedStream(true);
      const progress = new TerminalProgress({ stream, intervalMs: 1000 });
      const events$ = new Subject<KernelEvent>();
      progress.attach(events$);
      events$.next({ type: 'workflow-start', runId: 'x', runDir: '/tmp/runinfo/007', at: 0 });
      events$.next({
        type: 'task-state',
        taskId: 1,
        appName: 'a',
        executor: 'threads',
        tryId: 0,
        from: undefined,
        to: 'pending',
        at: 1,
      });
      events$.next({
        type: 'task-state',
        taskId: 1,
        appName: 'a',
        executor: 'threads',
        tryId: 0,
        from: 'pending',
        to: 'failed',
        at: 2,
      });
      events$.next({ type: 'workflow-end', runId: 'x', runDir: '/tmp/runinfo/007', at: 2500 });
      expect(stream.writes.at(-1)).toBe(
        '\r\x1b[2Kparsl: run 007 finished in 2.5 s: 0 done, 1 failed (threads: 0 done, 1 failed)\n',
      );
      progress.close();
      expect(stream.writes.filter((w) => w.includes('finished in'))).toHaveLength(1);
    });

    it('clips the live line to the terminal width', async () => {
      const stream = new CapturedStream(true, 40);
      const progress = new TerminalProgress({ stream, intervalMs: 5 });
      const events$ = new Subject<KernelEvent>();
      progress.attach(events$);
      for (const e of syntheticRun(5).events.slice(0, 4)) events$.next(e);
      await tick();
      expect((stream.writes.at(-1) ?? '').replace('\r\x1b[2K', '')).toHaveLength(39);
      progress.close();
    });
  });

  describe('when stdout is not a TTY', () => {
    it('writes nothing', async () => {
      const stream = new CapturedStream(false);
      const progress = new TerminalProgress({ stream, intervalMs: 5 });
      const events$ = new Subject<KernelEvent>();
      progress.attach(events$);
      for (const e of syntheticRun(10).events) events$.next(e);
      await tick();
      progress.close();
      expect(stream.writes).toEqual([]);
    });

    it('writes plain lines and the summary when forced', async () => {
      const stream = new CapturedStream(false);
      const progress = new TerminalProgress({ stream, intervalMs: 5, force: true });
      const events$ = new Subject<KernelEvent>();
      progress.attach(events$);
      for (const e of syntheticRun(10).events.slice(0, -1)) events$.next(e);
      await tick();
      progress.close();
      expect(stream.writes.every((w) => w.endsWith('\n') && !w.includes('\x1b'))).toBe(true);
      expect(stream.writes.at(-1)).toMatch(
        /^parsl: run synthetic finished in .* s: 10 done, 0 failed/,
      );
    });
  });
});
