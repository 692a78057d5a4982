import { parseArgs } from 'node:util';
import { AppTimeout } from '../../../domain/errors/TaskErrors.js';
import { BashRunner } from '../bash/BashRunner.js';
import { markParslWorker } from '../worker/isParslWorker.js';
import { resultProblem, ShippedTaskRunner } from '../worker/ShippedTaskRunner.js';
import { serializeThrown } from '../worker/serializeThrown.js';
import type { WireOutcome } from '../worker/wire.js';
import { Outbox } from './Outbox.js';
import {
  decodeHeader,
  encodeHeader,
  ResultStatus,
  readTaskFrame,
  resultFrame,
  unpackRecords,
} from './protocol.js';
import { decodeTask, encodeResultError, resultValueFrame, type WireTask } from './taskCodec.js';

/**
 * One worker: connects to its pool over ipc, says it is ready, then runs the tasks it is sent one
 * at a time, in order, sending each result as soon as it is known (the outbox batches them when
 * they come faster than they can be sent). Exits when the pool closes its stdin or says shutdown.
 * Parsl: process_worker_pool.worker
 */
export const runWorker = async (argv: readonly string[]): Promise<number> => {
  markParslWorker('process');
  const { values } = parseArgs({
    args: [...argv],
    options: {
      endpoint: { type: 'string' },
      rank: { type: 'string' },
      'working-dir': { type: 'string' },
    },
  });
  if (values.endpoint === undefined || values.rank === undefined) {
    process.stderr.write(
      'htex worker: --endpoint and --rank are required (workers are started by a worker pool)\n',
    );
    return 2;
  }
  const cwd = values['working-dir'];
  if (cwd !== undefined) process.chdir(cwd);
  const zmq = await import('zeromq');
  const socket = new zmq.Dealer({
    routingId: `w${values.rank}`,
    sendHighWaterMark: 0,
    receiveHighWaterMark: 0,
    linger: 1000,
    reconnectInterval: 10,
  });
  socket.connect(values.endpoint);
  const runner = new TaskRunner(new BashRunner(), cwd);
  const out = new Outbox(socket, (error) =>
    process.stderr.write(`htex worker: send failed: ${String(error)}\n`),
  );
  const resultsHeader = encodeHeader({ t: 'results' });
  let stopping = false;
  const stop = (): void => {
    stopping = true;
    runner.bash.killAll();
    socket.close();
  };
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
  out.message([encodeHeader({ t: 'ready', rank: Number(values.rank), pid: process.pid })]);
  try {
    for await (const [head, ...frames] of socket) {
      const header = decodeHeader(head);
      if (header?.t === 'shutdown') break;
      if (header?.t !== 'tasks') continue;
      for (const frame of unpackRecords(frames)) {
        const parsed = readTaskFrame(frame);
        if (parsed === undefined) continue;
        const result = runner.run(parsed.taskId, parsed.body);
        out.frame('pool', [], resultsHeader, result instanceof Promise ? await result : result);
      }
    }
  } catch (error: unknown) {
    if (!stopping) process.stderr.write(`htex worker: socket failed: ${String(error)}\n`);
  }
  await out.drain();
  stop();
  return 0;
};

/** Runs task bodies; synchronous apps complete without a promise per task. */
class TaskRunner {
  private readonly shipped = new ShippedTaskRunner();

  public constructor(
    public readonly bash: BashRunner,
    private readonly cwd: string | undefined,
  ) {}

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
      return this.bash
        .run(payload, {
          appName: task.appName,
          ...(task.walltimeSeconds === undefined ? {} : { walltimeSeconds: task.walltimeSeconds }),
          ...(this.cwd === undefined ? {} : { cwd: this.cwd }),
        })
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
