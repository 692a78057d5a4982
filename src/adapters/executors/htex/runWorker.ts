import { fstatSync } from 'node:fs';
import { Socket } from 'node:net';
import { parseArgs } from 'node:util';
import { AppTimeout } from '../../../domain/errors/TaskErrors.js';
import type { BashRunner } from '../bash/BashRunner.js';
import { markParslWorker } from '../worker/isParslWorker.js';
import { resultProblem, ShippedTaskRunner } from '../worker/ShippedTaskRunner.js';
import { serializeThrown } from '../worker/serializeThrown.js';
import type { WireOutcome } from '../worker/wire.js';
import { arenaReader } from './arenaReader.js';
import { spinWindowMs } from './hotLoop.js';
import { Outbox } from './Outbox.js';
import { PipeLink } from './PipeLink.js';
import {
  decodeHeader,
  encodeHeader,
  ResultStatus,
  readTaskFrame,
  resultFrame,
  unpackRecords,
} from './protocol.js';
import { TaskQueue } from './TaskQueue.js';
import { decodeTask, encodeResultError, resultValueFrame, type WireTask } from './taskCodec.js';

/**
 * One worker: talks to its pool over fd 3 (a socket pair the pool opened), says it is ready, then
 * runs the tasks it is sent one at a time, in order, sending each result as soon as it is known (the
 * outbox batches them when they come faster than they can be sent). Exits when the pool closes its
 * stdin or the link, or says shutdown.
 * Parsl: process_worker_pool.worker
 */
export const runWorker = async (argv: readonly string[]): Promise<number> => {
  markParslWorker('process');
  const { values } = parseArgs({
    args: [...argv],
    options: {
      rank: { type: 'string' },
      'working-dir': { type: 'string' },
    },
  });
  if (values.rank === undefined || !isSocket(3)) {
    process.stderr.write(
      'htex worker: --rank and a link on fd 3 are required (workers are started by a worker pool)\n',
    );
    return 2;
  }
  const cwd = values['working-dir'];
  if (cwd !== undefined) process.chdir(cwd);
  // The pool learns each bash app's process group, so it can kill it when it stops or this dies.
  const bashHeader = (pid: number, live: boolean): Buffer => encodeHeader({ t: 'bash', pid, live });
  const runner = new TaskRunner(cwd, (pid) => {
    out.message([bashHeader(pid, true)]);
    return () => out.message([bashHeader(pid, false)]);
  });
  const inbox = new TaskQueue();
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let running = false;
  const resultsHeader = encodeHeader({ t: 'results' });
  const work = async (): Promise<void> => {
    if (running) return;
    running = true;
    for (let frame = inbox.shift(); frame !== undefined; frame = inbox.shift()) {
      const parsed = readTaskFrame(frame);
      if (parsed === undefined) continue;
      const result = runner.run(parsed.taskId, parsed.body);
      out.frame('pool', [], resultsHeader, result instanceof Promise ? await result : result);
    }
    running = false;
  };
  const reader = arenaReader();
  const link = new PipeLink(
    new Socket(reader.socketOptions({ fd: 3, readable: true, writable: true })),
    ([head, ...frames]) => {
      const header = decodeHeader(head);
      if (header?.t === 'shutdown') finish();
      if (header?.t !== 'tasks') return;
      for (const frame of unpackRecords(frames)) inbox.push(frame);
      void work();
    },
    () => finish(),
    reader,
  );
  const out = new Outbox(
    link,
    (error) => process.stderr.write(`htex worker: send failed: ${String(error)}\n`),
    spinWindowMs('worker'),
  );
  process.stdin.on('end', () => finish());
  process.stdin.on('error', () => finish());
  process.stdin.resume();
  out.message([encodeHeader({ t: 'ready', rank: Number(values.rank), pid: process.pid })]);
  await finished;
  runner.bash?.killAll();
  await Promise.race([out.drain(), new Promise((resolve) => setTimeout(resolve, 1000))]);
  link.close();
  return 0;
};

/** True when `fd` is an open socket (the pool's link). */
const isSocket = (fd: number): boolean => {
  try {
    return fstatSync(fd).isSocket();
  } catch {
    return false;
  }
};

/** Runs task bodies; synchronous apps complete without a promise per task. */
class TaskRunner {
  private readonly shipped = new ShippedTaskRunner();
  /** Loaded with the first bash app, so a worker that runs none starts faster. */
  public bash: BashRunner | undefined;

  public constructor(
    private readonly cwd: string | undefined,
    private readonly onBashSpawn: (pid: number) => () => void,
  ) {}

  private async bashRunner(): Promise<BashRunner> {
    if (this.bash === undefined) {
      const { BashRunner: Runner } = await import('../bash/BashRunner.js');
      this.bash ??= new Runner();
    }
    return this.bash;
  }

  public run(taskId: number, body: Buffer): Buffer | Promise<Buffer> {
    let task: WireTask;
    try {
      task = decodeTask(body);
    } catch (error: unknown) {
      return toFrame(taskId, {
        seq: taskId,
        ok: false,
        error: {
          kind: 'serialization',
          reason: `its task could not be decoded in the worker (${String(error)})`,
        },
      });
    }
    const { payload } = task;
    if (payload.kind === 'bash') {
      return this.bashRunner()
        .then((bash) =>
          bash.run(payload, {
            appName: task.appName,
            ...(task.walltimeSeconds === undefined
              ? {}
              : { walltimeSeconds: task.walltimeSeconds }),
            ...(this.cwd === undefined ? {} : { cwd: this.cwd }),
            onSpawn: this.onBashSpawn,
          }),
        )
        .then(
          (code): WireOutcome => ({ seq: taskId, ok: true, value: code }),
          (error: unknown): WireOutcome => ({
            seq: taskId,
            ok: false,
            error: serializeThrown(error),
          }),
        )
        .then((outcome) => toFrame(taskId, outcome));
    }
    const outcome = this.shipped.run(taskId, payload.ship, payload.args);
    if (!(outcome instanceof Promise)) return toFrame(taskId, outcome);
    const seconds = task.walltimeSeconds;
    const bounded =
      seconds === undefined ? outcome : withWalltime(outcome, taskId, task.appName, seconds);
    return bounded.then((settled) => toFrame(taskId, settled));
  }
}

const withWalltime = (
  outcome: Promise<WireOutcome>,
  seq: number,
  appName: string,
  seconds: number,
): Promise<WireOutcome> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<WireOutcome>((resolve) => {
    timer = setTimeout(
      () => resolve({ seq, ok: false, error: serializeThrown(new AppTimeout(appName, seconds)) }),
      seconds * 1000,
    );
  });
  return Promise.race([outcome, timeout]).finally(() => clearTimeout(timer));
};

const toFrame = (taskId: number, outcome: WireOutcome): Buffer => {
  if (!outcome.ok) return resultFrame(taskId, ResultStatus.error, encodeResultError(outcome.error));
  try {
    return resultValueFrame(taskId, outcome.value);
  } catch (error: unknown) {
    const detail = error instanceof Error ? error.message : String(error);
    return resultFrame(
      taskId,
      ResultStatus.error,
      encodeResultError(resultProblem(`a value that cannot be serialised (${detail})`)),
    );
  }
};
