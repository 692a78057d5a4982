import type { Observable } from 'rxjs';
import type { KernelEvent } from '../../domain/task/TaskEvent.js';
import type { TaskState } from '../../domain/task/TaskState.js';
import type { KernelEventSource } from '../../ports/KernelEventSink.js';

/** Where progress is written: a terminal stream such as process.stdout. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/** Options of {@link TerminalProgress}. */
export interface TerminalProgressOptions {
  /** @default process.stdout */
  readonly stream?: ProgressStream;
  /** Write even when the stream is not a TTY (then one line per refresh, no redraw). @default false */
  readonly force?: boolean;
  /** Refresh period of the live line, ms. @default 200 */
  readonly intervalMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

type Bucket = 'pending' | 'running' | 'done' | 'failed';
type Counts = Record<Bucket, number>;

const bucketOf = (state: TaskState): Bucket => {
  switch (state) {
    case 'exec_done':
    case 'memo_done':
      return 'done';
    case 'failed':
    case 'dep_fail':
      return 'failed';
    case 'launched':
    case 'running':
    case 'running_ended':
    case 'joining':
      return 'running';
    default:
      return 'pending';
  }
};

const empty = (): Counts => ({ pending: 0, running: 0, done: 0, failed: 0 });

/**
 * A live progress line for a run in a terminal: tasks done, failed, running and pending, in all and
 * per executor, redrawn in place; a summary line when the run ends. Silent when the stream is not
 * a TTY, unless `force` is set.
 */
export class TerminalProgress {
  private readonly stream: ProgressStream;
  private readonly live: boolean;
  private readonly enabled: boolean;
  private readonly now: () => number;
  private readonly tasks = new Map<number, { executor: string; bucket: Bucket }>();
  private readonly perExecutor = new Map<string, Counts>();
  private readonly total = empty();
  private detach: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private startedAt: number | undefined;
  private runId = '';
  private finished = false;

  public constructor(private readonly options: TerminalProgressOptions = {}) {
    this.stream = options.stream ?? process.stdout;
    this.live = this.stream.isTTY === true;
    this.enabled = this.live || options.force === true;
    this.now = options.now ?? Date.now;
  }

  /**
   * Starts following a kernel's events (as a sink of the kernel or its bus, or an observable);
   * does nothing when output is disabled.
   */
  public attach(events: KernelEventSource | Observable<KernelEvent>): void {
    if (!this.enabled || this.detach !== undefined) return;
    const onEvent = (event: KernelEvent): void => this.onEvent(event);
    if ('addEventSink' in events) this.detach = events.addEventSink(onEvent);
    else {
      const subscription = events.subscribe(onEvent);
      this.detach = () => subscription.unsubscribe();
    }
    this.timer = setInterval(() => this.refresh(), this.options.intervalMs ?? 200);
    this.timer.unref();
  }

  /** The current one-line summary. */
  public line(): string {
    const parts = [...this.perExecutor.entries()].map(
      ([label, c]) => `${label}: ${c.done} done, ${c.failed} failed, ${c.running} running`,
    );
    const t = this.total;
    const all = t.pending + t.running + t.done + t.failed;
    return [
      `parsl: ${t.done + t.failed}/${all} finished · ${t.done} done · ${t.failed} failed · ${t.running} running · ${t.pending} pending`,
      ...parts,
    ].join(' | ');
  }

  /** Stops, and prints the summary if the run's end was not seen yet. */
  public close(): void {
    this.detach?.();
    this.detach = undefined;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    if (this.enabled && !this.finished) this.summary();
  }

  private onEvent(event: KernelEvent): void {
    if (event.type === 'workflow-start') {
      this.startedAt = event.at;
      this.runId = event.runDir.split('/').pop() ?? event.runId;
      return;
    }
    if (event.type === 'workflow-end') {
      this.summary(event.at);
      return;
    }
    if (event.type !== 'task-state') return;
    this.startedAt ??= event.at;
    const bucket = bucketOf(event.to);
    const previous = this.tasks.get(event.taskId);
    if (previous !== undefined) {
      this.counts(previous.executor)[previous.bucket] -= 1;
      this.total[previous.bucket] -= 1;
    }
    this.counts(event.executor)[bucket] += 1;
    this.total[bucket] += 1;
    this.tasks.set(event.taskId, { executor: event.executor, bucket });
    this.dirty = true;
  }

  private counts(executor: string): Counts {
    let c = this.perExecutor.get(executor);
    if (c === undefined) {
      c = empty();
      this.perExecutor.set(executor, c);
    }
    return c;
  }

  private refresh(): void {
    if (!this.dirty || this.finished) return;
    this.dirty = false;
    const width = Math.max(20, (this.stream.columns ?? 120) - 1);
    const text = this.line();
    const clipped = text.length > width ? `${text.slice(0, width - 1)}…` : text;
    this.stream.write(this.live ? `\r\x1b[2K${clipped}` : `${text}\n`);
  }

  private summary(at = this.now()): void {
    if (this.finished) return;
    this.finished = true;
    const seconds = this.startedAt === undefined ? 0 : (at - this.startedAt) / 1000;
    const t = this.total;
    const per = [...this.perExecutor.entries()]
      .map(([label, c]) => `${label}: ${c.done} done, ${c.failed} failed`)
      .join('; ');
    const run = this.runId === '' ? 'run' : `run ${this.runId}`;
    const clear = this.live ? '\r\x1b[2K' : '';
    this.stream.write(
      `${clear}parsl: ${run} finished in ${seconds.toFixed(1)} s: ${t.done} done, ${t.failed} failed${t.running + t.pending > 0 ? `, ${t.running + t.pending} unfinished` : ''}${per === '' ? '' : ` (${per})`}\n`,
    );
  }
}
