import { access, appendFile, writeFile } from 'node:fs/promises';
import { withWalltime } from '../../src/adapters/executors/withWalltime.js';
import { ExecutorError } from '../../src/domain/errors/ExecutorErrors.js';
import { AppFailure, MissingOutputs } from '../../src/domain/errors/TaskErrors.js';
import type {
  BashPayload,
  Executor,
  ExecutorContext,
  ExecutorTask,
  StdStreamTarget,
} from '../../src/ports/Executor.js';

/** What a scripted bash command does: what it prints, how long it runs, how it exits. */
export interface FakeBashOutcome {
  /** @default 0 */
  readonly exitCode?: number;
  readonly stdout?: string;
  readonly stderr?: string;
  /** How long the "command" runs; a walltime shorter than this ends it with AppTimeout. @default 0 */
  readonly durationMs?: number;
}

/** Options of {@link FakeExecutor}. */
export interface FakeExecutorOptions {
  /** @default 'fake' */
  readonly label?: string;
  /** @default true */
  readonly managed?: boolean;
}

interface Running {
  readonly task: ExecutorTask;
  readonly reject: (error: unknown) => void;
}

/**
 * An Executor that runs function apps on the test's own event loop (it calls `payload.fn`) and
 * answers bash apps from a script (`whenBash`): it writes the scripted streams to the payload's
 * targets, waits `durationMs`, then fails with AppFailure, AppTimeout or MissingOutputs as bash
 * would. An unscripted command rejects loudly. Records starts, submits and shutdowns.
 */
export class FakeExecutor implements Executor {
  public readonly label: string;
  public readonly managed: boolean;
  public readonly scalingEnabled = false;
  public readonly starts: ExecutorContext[] = [];
  public readonly submitted: ExecutorTask[] = [];
  public readonly shutdowns: Array<{ readonly abort: boolean }> = [];
  private readonly bashScript: Array<{ command: string | RegExp; outcome: FakeBashOutcome }> = [];
  private readonly running = new Set<Running>();
  private readonly drained: Array<() => void> = [];
  private state: 'new' | 'running' | 'closed' = 'new';

  public constructor(options: FakeExecutorOptions = {}) {
    this.label = options.label ?? 'fake';
    this.managed = options.managed ?? true;
  }

  /** Scripts the outcome of bash commands equal to (or matching) `command`; the first match wins. */
  public whenBash(command: string | RegExp, outcome: FakeBashOutcome = {}): this {
    this.bashScript.push({ command, outcome });
    return this;
  }

  public async start(context: ExecutorContext): Promise<void> {
    if (this.state === 'closed')
      throw new ExecutorError(this.label, 'start called after shutdown()');
    this.starts.push(context);
    this.state = 'running';
  }

  public submit(task: ExecutorTask): Promise<unknown> {
    if (this.state !== 'running') {
      const why = this.state === 'new' ? 'before start()' : 'after shutdown()';
      return Promise.reject(
        new ExecutorError(
          this.label,
          `submit called ${why} (task ${task.id}, app ${task.appName})`,
        ),
      );
    }
    this.submitted.push(task);
    return new Promise((resolve, reject) => {
      const entry: Running = { task, reject };
      this.running.add(entry);
      const settle = (finish: () => void): void => {
        if (!this.running.delete(entry)) return; // already rejected by an abort
        finish();
        if (this.running.size === 0) for (const done of this.drained.splice(0)) done();
      };
      this.run(task).then(
        (value) => settle(() => resolve(value)),
        (error: unknown) => settle(() => reject(error)),
      );
    });
  }

  public outstanding(): number {
    return this.running.size;
  }

  /** Without abort, waits for outstanding attempts; with abort, rejects them at once. */
  public async shutdown(options?: { readonly abort?: boolean }): Promise<void> {
    const abort = options?.abort === true;
    this.shutdowns.push({ abort });
    this.state = 'closed';
    if (!abort && this.running.size > 0) {
      await new Promise<void>((done) => this.drained.push(done));
    }
    for (const entry of [...this.running]) {
      this.running.delete(entry);
      entry.reject(
        new ExecutorError(
          this.label,
          `shut down with abort while task ${entry.task.id} (app ${entry.task.appName}) was outstanding`,
        ),
      );
    }
  }

  private async run(task: ExecutorTask): Promise<unknown> {
    const { payload } = task;
    const work =
      payload.kind === 'function'
        ? (async () => payload.fn(...payload.args))()
        : this.runBash(payload, task);
    return task.walltimeSeconds === undefined
      ? work
      : withWalltime(work, task.appName, task.walltimeSeconds);
  }

  private async runBash(payload: BashPayload, task: ExecutorTask): Promise<number> {
    const scripted = this.bashScript.find(({ command }) =>
      typeof command === 'string' ? command === payload.command : command.test(payload.command),
    );
    if (scripted === undefined) {
      throw new Error(`FakeExecutor.submit: bash command not scripted: ${payload.command}`);
    }
    const { outcome } = scripted;
    const shared = payload.stderr !== undefined && payload.stderr.path === payload.stdout?.path;
    if (shared) {
      await writeStream(payload.stdout, (outcome.stdout ?? '') + (outcome.stderr ?? ''));
    } else {
      await writeStream(payload.stdout, outcome.stdout ?? '');
      await writeStream(payload.stderr, outcome.stderr ?? '');
    }
    if ((outcome.durationMs ?? 0) > 0) {
      await new Promise((r) => setTimeout(r, outcome.durationMs));
    }
    const exitCode = outcome.exitCode ?? 0;
    if (exitCode !== 0) {
      throw new AppFailure(`bash app ${task.appName} failed: exit code ${exitCode}`, exitCode);
    }
    const missing: string[] = [];
    for (const path of payload.outputs) {
      if (
        !(await access(path).then(
          () => true,
          () => false,
        ))
      )
        missing.push(path);
    }
    if (missing.length > 0) throw new MissingOutputs(task.appName, missing);
    return 0;
  }
}

const writeStream = async (target: StdStreamTarget | undefined, text: string): Promise<void> => {
  if (target === undefined) return;
  await (target.mode === 'a' ? appendFile(target.path, text) : writeFile(target.path, text));
};
