import type { Executor, ExecutorContext, ExecutorTask } from '../../ports/Executor.js';
import { BashRunner } from './bash/BashRunner.js';
import { submitRefused } from './submitRefused.js';
import { withWalltime } from './withWalltime.js';

/** Options of {@link InProcessExecutor}. */
export interface InProcessExecutorOptions {
  /** Unique executor label. @default 'local' */
  readonly label: string;
  /** Attempts running at once; further ones queue. @default Infinity */
  readonly maxConcurrency?: number;
  /** @default true */
  readonly managed?: boolean;
}

/**
 * Runs apps on the kernel's own event loop: for I/O-bound async apps, and the only executor that
 * accepts closures (the function is called directly, nothing is serialized). Bash apps run as
 * child processes. A walltime rejects the attempt with AppTimeout; JavaScript cannot stop a running
 * function, so a timed-out async function's promise is left to settle on its own.
 * Parsl: (no counterpart; Parsl's ThreadPoolExecutor plays this role for Python)
 */
export class InProcessExecutor implements Executor {
  public readonly label: string;
  public readonly managed: boolean;
  public readonly scalingEnabled = false;
  private readonly bash = new BashRunner();
  private readonly maxConcurrency: number;
  private readonly waiting: Array<() => void> = [];
  private active = 0;
  private state: 'new' | 'started' | 'shut down' = 'new';
  private context: ExecutorContext | undefined;

  public constructor(options: InProcessExecutorOptions) {
    this.label = options.label;
    this.managed = options.managed ?? true;
    this.maxConcurrency = options.maxConcurrency ?? Number.POSITIVE_INFINITY;
  }

  public async start(context: ExecutorContext): Promise<void> {
    this.context = context;
    this.state = 'started';
  }

  public submit(task: ExecutorTask): Promise<unknown> {
    if (this.state !== 'started')
      return Promise.reject(submitRefused(this.label, this.state === 'shut down'));
    if (this.active >= this.maxConcurrency) {
      return new Promise<void>((go) => this.waiting.push(go)).then(() => this.runCounted(task));
    }
    return this.runCounted(task);
  }

  public outstanding(): number {
    return this.active + this.waiting.length;
  }

  public killSync(): void {
    this.bash.killAll();
  }

  public async shutdown(): Promise<void> {
    this.bash.killAll();
    this.state = 'shut down';
  }

  private readonly attemptEnded = (): void => {
    this.active -= 1;
    this.waiting.shift()?.();
  };

  private runCounted(task: ExecutorTask): Promise<unknown> {
    this.active += 1;
    let attempt: Promise<unknown>;
    try {
      attempt = this.runAttempt(task);
    } catch (error: unknown) {
      attempt = Promise.reject(error);
    }
    return attempt.finally(this.attemptEnded);
  }

  /** Calls the app at once: the kernel already launches from a microtask, off the caller's stack. */
  private runAttempt(task: ExecutorTask): Promise<unknown> {
    const { payload } = task;
    if (payload.kind === 'bash') {
      const watch = this.context?.watchProcess;
      return this.bash.run(payload, {
        appName: task.appName,
        ...(watch === undefined
          ? {}
          : { onSpawn: (pid: number) => watch(task.id, task.tryId, pid) }),
        ...(task.walltimeSeconds === undefined ? {} : { walltimeSeconds: task.walltimeSeconds }),
      });
    }
    const result = payload.fn(...payload.args);
    const attempt = result instanceof Promise ? result : Promise.resolve(result);
    return task.walltimeSeconds === undefined
      ? attempt
      : withWalltime(attempt, task.appName, task.walltimeSeconds);
  }
}
