import type { Router } from 'zeromq';
import type { WorkerMonitoringTarget } from '../../../ports/Executor.js';
import { bindInterchangeSockets } from './bindInterchangeSockets.js';
import { type ExecutorLink, openExecutorLink } from './ExecutorLink.js';
import { spinWindowMs } from './hotLoop.js';
import type { HtexLog } from './htexLog.js';
import {
  describeManager,
  type InterchangeManager,
  parseHoldBlocks,
  pickBlocksToHold,
} from './InterchangeManager.js';
import { LocalPoolServer } from './LocalPoolServer.js';
import { Outbox } from './Outbox.js';
import {
  decodeHeader,
  encodeHeader,
  frameTaskId,
  type Header,
  lostFrame,
  type RegistrationInfo,
  unpackRecords,
} from './protocol.js';
import { TaskQueue } from './TaskQueue.js';
import { localVersionInfo, versionMismatch } from './versionInfo.js';
import type { ZapAuthenticator } from './ZapAuthenticator.js';

/** Where the interchange listens (printed as one JSON line on its stdout). */
export interface InterchangePorts {
  readonly clientPort: number;
  readonly workerPort: number;
  readonly clientIpc?: string;
  readonly workerIpc?: string;
}

/** Settings of an {@link Interchange}; the executor sends them as JSON on the process's stdin. */
export interface InterchangeConfig {
  /** Host the executor-facing socket binds on (always local). @default '127.0.0.1' */
  readonly clientHost: string;
  readonly interchangePortRange: readonly [number, number];
  /** Host the pool-facing socket binds on ('*' for every interface). */
  readonly workerHost: string;
  readonly workerPort?: number;
  readonly workerPortRange: readonly [number, number];
  /**
   * Folder for `ipc://` endpoints bound next to the TCP ports (`client.sock`, `workers.sock`):
   * the executor and pools on this host use them, a third faster than TCP loopback.
   */
  readonly ipcDir?: string;
  /** Seconds of silence after which a pool is declared lost. */
  readonly heartbeatThreshold: number;
  /** Folder with the CurveZMQ keys; absent = no encryption. */
  readonly certDir?: string;
  /**
   * The executor's end of a socket pair on this fd (how the executor starts it): the executor
   * link then needs no port. Absent = a ROUTER socket on `clientHost` (an interchange run by hand).
   */
  readonly clientFd?: number;
  /** The monitoring hub's radio, handed to pools in their registration reply (never on a command line). */
  readonly monitoring?: WorkerMonitoringTarget;
}

/**
 * The load-balancing proxy between one executor and its worker pools: queues tasks, hands batches
 * to pools with free capacity, forwards results, checks pool versions at registration, expires
 * silent pools (their tasks fail with ManagerLost) and answers the executor's commands.
 * Parsl: parsl/executors/high_throughput/interchange.py
 */
export class Interchange {
  private workers: Router | undefined;
  /** Pools on this host, over a Unix socket (unencrypted runs with an ipcDir). */
  private localPools: LocalPoolServer | undefined;
  private executor: ExecutorLink | undefined;
  private workerOut: Outbox | undefined;
  private readonly managers = new Map<string, InterchangeManager>();
  private readonly ready = new Set<string>();
  private readonly queue = new TaskQueue();
  private readonly heldBlocks = new Set<string>();
  private readonly connectedBlocks = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private zap: ZapAuthenticator | undefined;
  private closed = false;
  public workerPort = 0;

  public constructor(
    private readonly config: InterchangeConfig,
    private readonly log: HtexLog,
  ) {}

  /** Binds both sockets; resolves with their ports. */
  public async start(): Promise<InterchangePorts> {
    const { client, bulk, workers, zap, ports, localPools } = await bindInterchangeSockets(
      this.config,
      this.log,
    );
    this.workers = workers;
    this.zap = zap;
    this.workerPort = ports.workerPort;
    this.executor = openExecutorLink(
      { client, bulk, fd: this.config.clientFd ?? 3 },
      this.log,
      (header, frames) => this.fromClient(header, frames),
      () => this.closed,
    );
    if (localPools !== undefined) {
      this.localPools = new LocalPoolServer(workers, (id, [head, ...frames]) =>
        this.poolMessage(id, head, frames),
      );
      await this.localPools.listen(localPools);
    }
    this.workerOut = new Outbox(
      this.localPools ?? workers,
      (error) => this.log.error(`send to pool failed: ${String(error)}`),
      spinWindowMs('interchange'),
    );
    void this.receiveWorkers(workers);
    const checkMs = Math.max(20, Math.min(1000, (this.config.heartbeatThreshold * 1000) / 4));
    this.timer = setInterval(() => this.expireManagers(), checkMs);
    this.log.info(`listening: ${JSON.stringify(ports)}`);
    return ports;
  }

  /** Tells every pool to stop, flushes and closes the sockets. */
  public async stop(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    for (const manager of this.managers.values())
      this.workerOut?.message([manager.id, encodeHeader({ t: 'shutdown' })]);
    await Promise.race([
      Promise.all([this.workerOut?.drain(), this.executor?.drain()]),
      new Promise((resolve) => setTimeout(resolve, 500)),
    ]);
    this.executor?.close();
    this.workerOut?.close();
    this.localPools?.close();
    this.workers?.close();
    this.zap?.close();
  }

  private fromClient(header: Header | undefined, frames: Buffer[]): void {
    if (header?.t === 'tasks') {
      for (const record of unpackRecords(frames)) if (record.length >= 4) this.queue.push(record);
      this.dispatch();
    } else if (header?.t === 'hb') {
      this.toClient({ t: 'hb' });
    } else if (header?.t === 'cmd') {
      this.toClient(this.command(header.req, header.cmd, header.arg));
    } else {
      this.log.warn(`dropped a malformed message from the executor (${header?.t ?? 'no header'})`);
    }
  }

  private async receiveWorkers(socket: Router): Promise<void> {
    try {
      for await (const [id, head, ...frames] of socket)
        if (id !== undefined) this.poolMessage(id, head, frames);
    } catch (error: unknown) {
      if (!this.closed) this.log.error(`pool socket failed: ${String(error)}`);
    }
  }

  private poolMessage(id: Buffer, head: Buffer | undefined, frames: Buffer[]): void {
    const header = decodeHeader(head);
    if (header === undefined) this.log.warn('dropped a malformed message from a pool');
    else this.fromPool(id, header, frames);
  }

  private fromPool(id: Buffer, header: Header, frames: Buffer[]): void {
    const key = id.toString('latin1');
    if (header.t === 'register') {
      this.register(id, key, header.info);
      return;
    }
    const manager = this.managers.get(key);
    if (manager === undefined) {
      this.workerOut?.message([
        id,
        encodeHeader({
          t: 'refused',
          reason: 'this pool is not registered (it was declared lost, or never registered)',
        }),
      ]);
      return;
    }
    manager.lastHeard = Date.now();
    switch (header.t) {
      case 'hb':
        this.workerOut?.message([id, encodeHeader({ t: 'hb' })]);
        return;
      case 'results':
        this.results(manager, unpackRecords(frames));
        return;
      case 'drain':
        manager.draining = true;
        this.finishDrain(manager);
        return;
      case 'bye':
        this.forget(manager, 'left');
        return;
      default:
        this.log.warn(`pool ${key} sent an unexpected ${header.t} message`);
    }
  }

  private register(id: Buffer, key: string, info: RegistrationInfo): void {
    const mismatch = versionMismatch(localVersionInfo(), info);
    if (mismatch !== undefined || this.managers.has(key)) {
      const reason =
        mismatch ?? `a pool with id ${key} is already registered; each pool needs its own id`;
      this.log.error(`refused pool ${key} (block ${info.blockId}): ${reason}`);
      this.workerOut?.message([id, encodeHeader({ t: 'refused', reason })]);
      if (mismatch !== undefined) {
        this.toClient({
          t: 'fatal',
          code: 'VERSION_MISMATCH',
          reason: `pool ${key} on ${info.hostname} (block ${info.blockId}): ${mismatch}`,
        });
      }
      return;
    }
    const now = Date.now();
    const manager: InterchangeManager = {
      id,
      key,
      info,
      tasks: new Set(),
      capacity: Math.max(1, info.workerCount + info.prefetchCapacity),
      active: !this.heldBlocks.has(info.blockId),
      draining: false,
      lastHeard: now,
      idleSince: now,
    };
    this.managers.set(key, manager);
    this.connectedBlocks.add(info.blockId);
    this.ready.add(key);
    this.log.info(
      `registered pool ${key} (block ${info.blockId}, ${info.workerCount} workers, host ${info.hostname})`,
    );
    const { monitoring } = this.config;
    this.workerOut?.message([
      id,
      encodeHeader(
        monitoring === undefined ? { t: 'registered' } : { t: 'registered', monitoring },
      ),
    ]);
    this.toClient({
      t: 'event',
      kind: 'registered',
      managerId: key,
      blockId: info.blockId,
      workerCount: info.workerCount,
    });
    this.dispatch();
  }

  private results(manager: InterchangeManager, frames: Buffer[]): void {
    for (const frame of frames) {
      const taskId = frameTaskId(frame);
      if (taskId === undefined || !manager.tasks.delete(taskId)) continue;
      this.toClientFrame(frame);
    }
    if (manager.tasks.size === 0) {
      manager.idleSince = Date.now();
      if (manager.draining) {
        this.finishDrain(manager);
        return;
      }
    }
    this.ready.add(manager.key);
    this.dispatch();
  }

  private dispatch(): void {
    if (this.queue.length === 0 || this.ready.size === 0) return;
    // Visit each ready pool at most once; a pool with room left is re-added at the end (round robin).
    let visits = this.ready.size;
    const header = encodeHeader({ t: 'tasks' });
    for (const key of this.ready) {
      if (visits <= 0) return;
      visits -= 1;
      const manager = this.managers.get(key);
      this.ready.delete(key);
      if (manager === undefined || !manager.active || manager.draining) continue;
      const room = manager.capacity - manager.tasks.size;
      if (room <= 0) continue;
      const share = Math.ceil(this.queue.length / (visits + 1));
      for (let n = Math.min(room, share); n > 0; n -= 1) {
        const frame = this.queue.shift();
        if (frame === undefined) break;
        manager.tasks.add(frame.readUInt32LE(0));
        this.workerOut?.frame(key, [manager.id], header, frame);
      }
      manager.idleSince = undefined;
      if (manager.tasks.size < manager.capacity) this.ready.add(key);
      if (this.queue.length === 0) return;
    }
  }

  private expireManagers(): void {
    const limit = Date.now() - this.config.heartbeatThreshold * 1000;
    for (const manager of [...this.managers.values()]) {
      if (manager.lastHeard < limit) this.forget(manager, 'lost');
    }
  }

  /** Fails the pool's tasks with ManagerLost and drops it. */
  private forget(manager: InterchangeManager, kind: 'lost' | 'left'): void {
    this.managers.delete(manager.key);
    this.ready.delete(manager.key);
    const { hostname, blockId } = manager.info;
    if (kind === 'lost' || manager.tasks.size > 0) {
      this.log.warn(
        `pool ${manager.key} (block ${blockId}) ${kind === 'lost' ? 'stopped heartbeating' : 'left'}; failing ${manager.tasks.size} task(s)`,
      );
    }
    for (const taskId of manager.tasks) {
      this.toClientFrame(lostFrame(taskId, { kind: 'manager', managerId: manager.key, hostname }));
    }
    manager.tasks.clear();
    this.toClient({
      t: 'event',
      kind,
      managerId: manager.key,
      blockId,
      workerCount: manager.info.workerCount,
    });
  }

  private finishDrain(manager: InterchangeManager): void {
    if (manager.tasks.size > 0) return;
    this.workerOut?.message([manager.id, encodeHeader({ t: 'drained' })]);
    this.forget(manager, 'left');
  }

  private command(req: number, cmd: string, arg: unknown): Header {
    switch (cmd) {
      case 'managers':
        return {
          t: 'reply',
          req,
          value: [...this.managers.values()].map((m) => describeManager(m, Date.now())),
        };
      case 'connectedBlocks':
        return { t: 'reply', req, value: [...this.connectedBlocks] };
      case 'workerPort':
        return { t: 'reply', req, value: this.workerPort };
      case 'hold':
      case 'drain': {
        const manager = this.managers.get(
          String((arg as { managerId?: unknown } | undefined)?.managerId),
        );
        if (manager === undefined) return { t: 'reply', req, value: false };
        if (cmd === 'hold') manager.active = false;
        else {
          manager.draining = true;
          this.finishDrain(manager);
        }
        return { t: 'reply', req, value: true };
      }
      case 'holdBlocks':
        return { t: 'reply', req, value: this.holdBlocks(arg) };
      default:
        return { t: 'reply', req, error: `unknown command ${cmd}` };
    }
  }

  /**
   * Holds the given blocks' pools so no new task reaches them, atomically with the idleness check:
   * a block whose pools run tasks is skipped unless `force` (then its tasks fail with ManagerLost).
   */
  private holdBlocks(arg: unknown): string[] {
    const request = parseHoldBlocks(arg);
    const held = pickBlocksToHold(request, this.managers.values(), Date.now());
    for (const blockId of held) {
      this.heldBlocks.add(blockId);
      for (const pool of [...this.managers.values()].filter((m) => m.info.blockId === blockId)) {
        pool.active = false;
        if (request.force && pool.tasks.size > 0) this.forget(pool, 'lost');
      }
    }
    return held;
  }

  /** Sends to the executor; events from pools that register before it connects wait for it. */
  private toClient(header: Header): void {
    this.executor?.message(header);
  }

  private toClientFrame(frame: Buffer): void {
    this.executor?.result(frame);
  }
}
