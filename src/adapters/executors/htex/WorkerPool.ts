import { type ChildProcess, spawn } from 'node:child_process';
import { hostname } from 'node:os';
import type { Duplex } from 'node:stream';
import { BashGroups } from './BashGroups.js';
import { connectInterchange, type InterchangeConnection } from './connectInterchange.js';
import { entryCommand } from './entryPoints.js';
import { spinWindowMs } from './hotLoop.js';
import type { HtexLog } from './htexLog.js';
import { Outbox } from './Outbox.js';
import { PipeLink } from './PipeLink.js';
import type { PoolOptions } from './poolOptions.js';
import {
  decodeHeader,
  encodeHeader,
  frameTaskId,
  type Header,
  lostFrame,
  unpackRecords,
} from './protocol.js';
import { TaskQueue } from './TaskQueue.js';
import { TaskResourceMonitor } from './TaskResourceMonitor.js';
import { localVersionInfo } from './versionInfo.js';

interface Worker {
  readonly rank: number;
  process: ChildProcess;
  /** The worker's fd 3 (a local socket pair) and the batching outbox over it. */
  link: PipeLink;
  out: Outbox;
  ready: boolean;
  /** Task frames sent to this worker and not answered, in the order it runs them. */
  inflight: Buffer[];
}

/** Milliseconds between SIGTERM and SIGKILL for workers and for the bash apps they run. */
const KILL_GRACE_MS = 1000;

/** Exit codes of a pool process. */
export const PoolExit = { ok: 0, refused: 3, interchangeLost: 4, unreachable: 5 } as const;

/**
 * The manager of one node: registers with the interchange, runs `workerCount` worker processes,
 * feeds them tasks from its local queue, forwards results, heartbeats, and reports a worker that
 * dies mid-task as WorkerLost (its unstarted tasks go to other workers; the worker is respawned).
 * Parsl: parsl/executors/high_throughput/process_worker_pool.py (Manager)
 */
export class WorkerPool {
  private interchange: InterchangeConnection | undefined;
  private toInterchange: Outbox | undefined;
  private readonly workers: Worker[] = [];
  private readonly queue = new TaskQueue();
  private readonly bash = new BashGroups(KILL_GRACE_MS);
  private readonly depth: number;
  private lastHeard = Date.now();
  private timers: NodeJS.Timeout[] = [];
  private stopping = false;
  /** Resource sampling of running tasks; only when the registration reply enables monitoring. */
  private monitor: TaskResourceMonitor | undefined;
  private finish: (code: number) => void = () => undefined;

  public constructor(
    private readonly options: PoolOptions,
    public readonly workerCount: number,
    private readonly log: HtexLog,
  ) {
    this.depth = Math.min(256, 1 + Math.ceil(options.prefetchCapacity / workerCount));
  }

  /** Runs until drained, shut down, refused or cut off; resolves with the exit code. */
  public async run(): Promise<number> {
    const done = new Promise<number>((resolve) => {
      this.finish = resolve;
    });
    // Workers start first: their Node start-up overlaps ours. Each talks to this pool over its
    // fd 3, a socket pair (no ZeroMQ I/O threads on this hop; tasks queue until it says ready).
    for (let rank = 0; rank < this.workerCount; rank += 1) {
      this.workers.push(this.startWorker(rank));
    }
    const link = await connectInterchange(this.options, this.log, ([head, ...frames]) => {
      this.lastHeard = Date.now();
      const header = decodeHeader(head);
      if (header !== undefined) this.fromInterchange(header, frames);
    });
    if (link === undefined) {
      this.log.error(
        `no interchange answered at ${this.options.addresses.join(',')}:${this.options.port} within ${this.options.probeTimeout} s. Check the executor's address option and firewalls.`,
      );
      await this.stop(PoolExit.unreachable);
      return PoolExit.unreachable;
    }
    this.log.info(`connecting to the interchange at ${link.address}`);
    this.interchange = link;
    this.toInterchange = new Outbox(
      link.socket,
      (error) => this.log.error(`send to interchange failed: ${String(error)}`),
      spinWindowMs('pool'),
    );
    this.register();
    this.startTimers();
    return done;
  }

  /** Stops workers and sockets; `bye` tells the interchange at once so it need not wait for a heartbeat. */
  public async stop(code: number, bye = false): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    for (const timer of this.timers) clearInterval(timer);
    this.monitor?.close();
    const bashKilled = this.bash.killAll();
    if (bye) {
      this.toInterchange?.message([encodeHeader({ t: 'bye' })]);
      await Promise.race([this.toInterchange?.drain(), new Promise((r) => setTimeout(r, 200))]);
    }
    for (const worker of this.workers) worker.process.kill('SIGTERM');
    const killer = setTimeout(() => {
      for (const worker of this.workers) worker.process.kill('SIGKILL');
    }, KILL_GRACE_MS);
    await Promise.all(
      this.workers.map((w) =>
        w.process.exitCode !== null || w.process.signalCode !== null
          ? undefined
          : new Promise((r) => w.process.once('exit', r)),
      ),
    );
    clearTimeout(killer);
    // Again, for bash apps the workers reported while they stopped.
    await Promise.all([bashKilled, this.bash.killAll()]);
    this.toInterchange?.close();
    for (const worker of this.workers) {
      worker.out.close();
      worker.link.close();
    }
    this.interchange?.close();
    this.finish(code);
  }

  private register(): void {
    const version = localVersionInfo();
    this.toInterchange?.message([
      encodeHeader({
        t: 'register',
        info: {
          managerId: this.options.managerId,
          blockId: this.options.blockId,
          workerCount: this.workerCount,
          prefetchCapacity: this.options.prefetchCapacity,
          hostname: hostname(),
          pid: process.pid,
          ...version,
        },
      }),
    ]);
  }

  private startWorker(rank: number): Worker {
    const child = this.spawnWorker(rank);
    const worker: Worker = {
      rank,
      process: child,
      ready: false,
      inflight: [],
      ...this.linkTo(rank, child),
    };
    this.watch(worker);
    return worker;
  }

  /** The link to a worker process's fd 3, delivering its messages to {@link fromWorker}. */
  private linkTo(rank: number, child: ChildProcess): { link: PipeLink; out: Outbox } {
    const link = new PipeLink(
      child.stdio[3] as Duplex,
      (frames) => this.fromWorker(rank, child, frames),
      () => undefined,
    );
    const out = new Outbox(
      link,
      (error) => this.log.error(`send to worker ${rank} failed: ${String(error)}`),
      spinWindowMs('pool'),
    );
    return { link, out };
  }

  private spawnWorker(rank: number): ChildProcess {
    const [node = process.execPath, ...args] = entryCommand('workerMain');
    const cwd = this.options.workingDir;
    const child = spawn(
      node,
      [...args, '--rank', String(rank), ...(cwd === undefined ? [] : ['--working-dir', cwd])],
      {
        stdio: ['pipe', 'inherit', 'inherit', 'pipe'],
        env: {
          ...process.env,
          PARSL_WORKER_RANK: String(rank),
          PARSL_WORKER_COUNT: String(this.workerCount),
          PARSL_WORKER_POOL_ID: this.options.managerId,
          PARSL_WORKER_BLOCK_ID: this.options.blockId,
        },
      },
    );
    child.stdin?.on('error', () => undefined);
    this.log.debug(`started worker ${rank} (pid ${child.pid})`);
    return child;
  }

  private watch(worker: Worker): void {
    worker.process.once('exit', (code, signal) => this.workerExited(worker, code, signal));
  }

  private workerExited(worker: Worker, code: number | null, signal: string | null): void {
    if (this.stopping) return;
    worker.ready = false;
    this.bash.killOf(worker.rank);
    const [running, ...unstarted] = worker.inflight;
    worker.inflight = [];
    this.log.warn(
      `worker ${worker.rank} (pid ${worker.process.pid}) died (${signal ?? `exit code ${code}`}); ${running === undefined ? 'it held no task' : 'its task fails with WorkerLost'}; restarting it`,
    );
    if (running !== undefined) {
      const taskId = frameTaskId(running) ?? 0;
      this.monitor?.finished(taskId);
      this.sendResult(
        lostFrame(taskId, {
          kind: 'worker',
          managerId: this.options.managerId,
          hostname: hostname(),
          workerId: `${this.options.managerId}/${worker.rank}`,
        }),
      );
    }
    if (unstarted.length > 0) this.queue.unshiftAll(unstarted);
    worker.out.close();
    worker.link.close();
    worker.process = this.spawnWorker(worker.rank);
    Object.assign(worker, this.linkTo(worker.rank, worker.process));
    this.watch(worker);
    this.dispatch();
    if (this.monitor !== undefined) this.noteRunning(this.monitor);
  }

  private fromInterchange(header: Header, frames: Buffer[]): void {
    switch (header.t) {
      case 'tasks': {
        const monitor = this.monitor;
        for (const record of unpackRecords(frames))
          this.queue.push(monitor === undefined ? record : monitor.accept(record));
        this.dispatch();
        return;
      }
      case 'registered':
        this.log.info(
          `registered with the interchange as ${this.options.managerId} (block ${this.options.blockId}, ${this.workerCount} workers)`,
        );
        if (header.monitoring !== undefined && this.monitor === undefined) {
          this.monitor = TaskResourceMonitor.forTarget(header.monitoring);
          this.log.info(
            `sampling running tasks every ${header.monitoring.intervalSeconds} s for ${header.monitoring.url}`,
          );
        }
        return;
      case 'refused':
        this.log.error(`the interchange refused this pool: ${header.reason}`);
        process.stderr.write(
          `parsl-ts worker-pool: refused by the interchange: ${header.reason}\n`,
        );
        void this.stop(PoolExit.refused);
        return;
      case 'drained':
      case 'shutdown':
        this.log.info(`interchange said ${header.t}; stopping`);
        void this.stop(PoolExit.ok);
        return;
      default:
        return;
    }
  }

  /** A message from a worker; ignored when it comes from a process that has since been replaced. */
  private fromWorker(rank: number, child: ChildProcess, frames: Buffer[]): void {
    const worker = this.workers[rank];
    if (worker === undefined || worker.process !== child) return;
    const [head, ...rest] = frames;
    const header = decodeHeader(head);
    if (header === undefined) return;
    if (header.t === 'ready') {
      worker.ready = true;
    } else if (header.t === 'bash') {
      this.bash.note(rank, header.pid, header.live);
      return;
    } else if (header.t === 'results') {
      for (const frame of unpackRecords(rest)) {
        const taskId = frameTaskId(frame);
        const index = worker.inflight.findIndex((f) => frameTaskId(f) === taskId);
        if (index >= 0) worker.inflight.splice(index, 1);
        this.monitor?.finished(taskId ?? 0);
        this.sendResult(frame);
      }
    }
    this.dispatch();
    if (this.monitor !== undefined) this.noteRunning(this.monitor);
  }

  /** Tells the monitor which task each worker runs now (the first of its in-flight tasks). */
  private noteRunning(monitor: TaskResourceMonitor): void {
    for (const worker of this.workers) {
      const running = worker.inflight[0];
      monitor.running(
        worker.rank,
        worker.process.pid,
        running === undefined ? undefined : frameTaskId(running),
      );
    }
  }

  private sendResult(frame: Buffer): void {
    this.toInterchange?.frame('ix', [], encodeHeader({ t: 'results' }), frame);
  }

  private dispatch(): void {
    if (this.queue.length === 0) return;
    const open = this.workers.filter((w) => w.ready && w.inflight.length < this.depth);
    const header = encodeHeader({ t: 'tasks' });
    for (let i = 0; i < open.length && this.queue.length > 0; i += 1) {
      const worker = open[i] as Worker;
      const share = Math.ceil(this.queue.length / (open.length - i));
      for (let n = Math.min(share, this.depth - worker.inflight.length); n > 0; n -= 1) {
        const frame = this.queue.shift();
        if (frame === undefined) break;
        worker.inflight.push(frame);
        worker.out.frame('tasks', [], header, frame);
      }
    }
    if (this.monitor !== undefined) this.noteRunning(this.monitor);
  }

  private startTimers(): void {
    const { heartbeatPeriod, heartbeatThreshold, drainPeriod } = this.options;
    this.timers.push(
      setInterval(() => {
        if (Date.now() - this.lastHeard > heartbeatThreshold * 1000) {
          this.log.error(`no message from the interchange for ${heartbeatThreshold} s; stopping`);
          void this.stop(PoolExit.interchangeLost);
          return;
        }
        this.toInterchange?.message([encodeHeader({ t: 'hb' })]);
      }, heartbeatPeriod * 1000),
    );
    if (drainPeriod !== undefined) {
      const timer = setTimeout(
        () => this.toInterchange?.message([encodeHeader({ t: 'drain' })]),
        drainPeriod * 1000,
      );
      this.timers.push(timer);
    }
  }
}
