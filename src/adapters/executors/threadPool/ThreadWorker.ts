import { Worker } from 'node:worker_threads';
import { threadWorkerEntry } from '../worker/threadWorkerEntry.js';
import type {
  FromThreadMessage,
  FunctionDef,
  SerializedError,
  ThreadWorkerData,
  ToThreadMessage,
} from '../worker/wire.js';
import type { FunctionAttempt } from './Attempt.js';
import { Fifo } from './Fifo.js';

/** What a {@link ThreadWorker} reports to its pool. */
export interface ThreadWorkerHandler {
  /** An attempt finished in the thread: `value` is the encoded result, or a SerializedError. */
  settled(attempt: FunctionAttempt, ok: boolean, value: unknown): void;
  /** An announced attempt (one with a walltime) starts running now. */
  started(worker: ThreadWorker, attempt: FunctionAttempt): void;
  /** The thread spent `busyMs` on `count` tasks (drives batch sizes). */
  measured(busyMs: number, count: number): void;
  /** An attempt's arguments were rejected by structured clone. */
  unclonable(attempt: FunctionAttempt, error: unknown): void;
  /** A message was processed: capacity may have freed up. */
  progressed(worker: ThreadWorker): void;
  /** The thread died without being asked to. */
  lost(worker: ThreadWorker, reason: string): void;
}

/** What a dead or killed thread leaves behind. */
export interface Unfinished {
  /** Started (or possibly finished without reporting): cannot be rerun safely. */
  readonly ran: FunctionAttempt[];
  /** Never started: safe to run elsewhere. */
  readonly unstarted: FunctionAttempt[];
}

/**
 * The main-thread side of one worker thread: assigns attempts (batched until `flush`), sends each
 * function definition once, routes outcomes back, keeps the thread ref'd only while it has work,
 * and on death tells which attempts ran and which never started (from the shared progress array).
 */
export class ThreadWorker {
  private readonly worker: Worker;
  private readonly progress: Int32Array;
  /** Assigned attempts in seq order: the thread reports them in that order. */
  private readonly inflight = new Fifo<FunctionAttempt>();
  /** Attempts taken out of the middle of `inflight` (arguments refused by structured clone). */
  private readonly dropped = new Set<FunctionAttempt>();
  private pending = 0;
  private readonly defined = new Set<number>();
  private batch: FunctionAttempt[] = [];
  private defs: FunctionDef[] = [];
  private seq = 0;
  private stopping = false;
  private fatal: string | undefined;

  public constructor(
    public readonly id: string,
    private readonly handler: ThreadWorkerHandler,
  ) {
    const shared = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
    this.progress = new Int32Array(shared);
    this.progress.fill(-1);
    const entry = threadWorkerEntry();
    const workerData: ThreadWorkerData = { progress: shared };
    this.worker = new Worker(entry.filename, { eval: entry.eval, workerData });
    this.worker.unref();
    this.worker.on('message', (message: FromThreadMessage) => this.onMessage(message));
    this.worker.on('error', (error: Error) => {
      this.fatal ??= `uncaught ${error.name}: ${error.message}`;
    });
    this.worker.on('exit', (code: number) => {
      if (!this.stopping)
        this.handler.lost(this, this.fatal ?? `the thread exited with code ${code}`);
    });
  }

  /** Attempts assigned and not yet settled. */
  public get load(): number {
    return this.pending;
  }

  /** True once the thread has started at least one task (false: it died while booting). */
  public get everStarted(): boolean {
    return Atomics.load(this.progress, 1) !== -1;
  }

  /** Queues an attempt for the next {@link flush}. */
  public assign(attempt: FunctionAttempt): void {
    this.seq = (this.seq + 1) & 0x7fffffff;
    attempt.seq = this.seq;
    if (this.pending === 0) this.worker.ref();
    this.pending += 1;
    this.inflight.push(attempt);
    if (!this.defined.has(attempt.fnId)) {
      this.defined.add(attempt.fnId);
      this.defs.push({ fnId: attempt.fnId, ship: attempt.ship });
    }
    this.batch.push(attempt);
  }

  /** Sends the queued attempts in one message. */
  public flush(): void {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    const defs = this.defs;
    this.batch = [];
    this.defs = [];
    try {
      this.worker.postMessage(toMessage(defs, batch));
    } catch {
      this.worker.postMessage(
        toMessage(
          defs,
          batch.filter((attempt) => this.cloneable(attempt)),
        ),
      );
    }
  }

  /** True while the thread is running the attempt with this `seq`. */
  public isRunning(seq: number): boolean {
    return Atomics.load(this.progress, 0) === seq;
  }

  /** Takes every unsettled attempt away from this worker (after it died or was killed). */
  public takeUnfinished(): Unfinished {
    const lastStarted = Atomics.load(this.progress, 1);
    const all = this.inflight.drain().filter((attempt) => !this.dropped.has(attempt));
    this.dropped.clear();
    this.pending = 0;
    const cut = all.findIndex((attempt) => attempt.seq === lastStarted);
    return { ran: all.slice(0, cut + 1), unstarted: all.slice(cut + 1) };
  }

  /** Terminates the thread; its attempts are left for {@link takeUnfinished}. */
  public async stop(): Promise<void> {
    this.stopping = true;
    await this.worker.terminate();
  }

  /** The oldest attempt still waiting for its outcome. */
  private head(): FunctionAttempt | undefined {
    for (;;) {
      const attempt = this.inflight.peek();
      if (attempt === undefined || !this.dropped.delete(attempt)) return attempt;
      this.inflight.shift();
    }
  }

  private onMessage(message: FromThreadMessage): void {
    const { seqs, oks, values } = message;
    if (seqs.length > 0) this.handler.measured(message.busyMs, seqs.length);
    for (let i = 0; i < seqs.length; i += 1) {
      const seq = seqs[i] as number;
      const attempt = this.head();
      if (attempt?.seq !== seq) continue;
      this.inflight.shift();
      this.pending -= 1;
      this.handler.settled(attempt, oks[i] === 1, values[i]);
    }
    if (message.fatal !== undefined) this.fatal = describeFatal(message.fatal);
    if (message.started !== undefined) {
      const attempt = this.head();
      if (attempt?.seq === message.started) this.handler.started(this, attempt);
    }
    if (this.pending === 0) this.worker.unref();
    this.handler.progressed(this);
  }

  private cloneable(attempt: FunctionAttempt): boolean {
    try {
      structuredClone(attempt.args);
      return true;
    } catch (error: unknown) {
      this.dropped.add(attempt);
      this.pending -= 1;
      this.handler.unclonable(attempt, error);
      if (this.pending === 0) this.worker.unref();
      return false;
    }
  }
}

const toMessage = (
  defs: readonly FunctionDef[],
  batch: readonly FunctionAttempt[],
): ToThreadMessage => {
  const seqs = new Int32Array(batch.length);
  const fnIds = new Int32Array(batch.length);
  const argc = new Int32Array(batch.length);
  const argv: unknown[] = [];
  const announce: number[] = [];
  for (let i = 0; i < batch.length; i += 1) {
    const attempt = batch[i] as FunctionAttempt;
    seqs[i] = attempt.seq;
    fnIds[i] = attempt.fnId;
    argc[i] = attempt.args.length;
    for (const arg of attempt.args) argv.push(arg);
    if (attempt.task.walltimeSeconds !== undefined) announce.push(attempt.seq);
  }
  return { defs, seqs, fnIds, argc, argv, announce };
};

const describeFatal = (error: SerializedError): string =>
  error.kind === 'thrown'
    ? `an uncaught ${error.name} ended the thread: ${error.message}`
    : `the thread failed: ${error.reason}`;
