import { type ChildProcess, spawn } from 'node:child_process';
import type { Duplex } from 'node:stream';
import type { Dealer } from 'zeromq';
import { entryCommand } from './entryPoints.js';
import { spinWindowMs } from './hotLoop.js';
import type { InterchangePorts } from './Interchange.js';
import { Outbox } from './Outbox.js';
import { PipeLink } from './PipeLink.js';
import {
  type CommandName,
  decodeHeader,
  encodeHeader,
  type Header,
  unpackRecords,
} from './protocol.js';
import type { InterchangeLaunch } from './runInterchange.js';

/** What the client reports to its executor. */
export interface InterchangeClientHandlers {
  /** A result frame (`u32 id ‖ status ‖ body`). */
  onResult(frame: Buffer): void;
  /** The interchange is gone or refused a pool for good; `reason` says why. */
  onFatal(reason: string, code: 'VERSION_MISMATCH' | 'INTERCHANGE_LOST'): void;
  onEvent(event: Extract<Header, { t: 'event' }>): void;
}

/** Timing of the client side of the link, in seconds. */
export interface InterchangeClientTiming {
  readonly heartbeatPeriod: number;
  readonly heartbeatThreshold: number;
  /** How long to wait for the interchange process to report its ports. */
  readonly startTimeout: number;
}

/**
 * The executor's side of the interchange: starts the interchange process (settings on stdin,
 * ports on stdout) with a socket pair as its fd 3 (the link: private, no port, no ZeroMQ I/O
 * threads), batches task frames out, hands result frames in, runs request/reply commands, and
 * reports a dead or silent interchange once.
 * Parsl: HighThroughputExecutor._start_local_interchange_process + the result-queue thread
 */
export class InterchangeClient {
  private child: ChildProcess | undefined;
  private link: PipeLink | undefined;
  /** Bursts of tasks go here (ZeroMQ ipc) in unencrypted runs; see sendTask. */
  private bulk: Outbox | undefined;
  private bulkSocket: Dealer | undefined;
  private out: Outbox | undefined;
  private readonly replies = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();
  private nextReq = 1;
  private lastHeard = Date.now();
  private heartbeat: NodeJS.Timeout | undefined;
  private stopping = false;
  /** killSync() ran: the interchange is going away on purpose. */
  private killed = false;
  private fatalSent = false;
  private readonly tasksHeader = encodeHeader({ t: 'tasks' });
  public workerPort = 0;
  /** Last lines the interchange wrote on stderr, for error messages. */
  private stderrTail = '';

  public constructor(
    private readonly launch: InterchangeLaunch,
    private readonly timing: InterchangeClientTiming,
    private readonly handlers: InterchangeClientHandlers,
  ) {}

  /**
   * Starts the interchange. A failure after the spawn kills it and closes what was opened, so a
   * failed start leaves no process behind.
   * @throws {Error} when the interchange does not come up (its stderr is in the message)
   */
  public async start(): Promise<void> {
    const [node = process.execPath, ...args] = entryCommand('interchangeMain');
    // The interchange makes no TLS connections: without NODE_EXTRA_CA_CERTS, Node 20 skips
    // reading that CA bundle at start-up (~60 ms of CPU while the pools start too).
    const { NODE_EXTRA_CA_CERTS: _unused, ...env } = process.env;
    const child = spawn(node, args, { stdio: ['pipe', 'pipe', 'pipe', 'pipe'], env });
    this.child = child;
    try {
      await this.connect(child);
    } catch (error: unknown) {
      this.stopping = true;
      if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
      await this.endChild('SIGKILL');
      this.closeLinks();
      throw error;
    }
  }

  /**
   * A lone task takes the socket pair (one wake-up per hop); while that is busy, the rest of a
   * burst takes the ZeroMQ bulk socket, whose I/O thread keeps the bytes moving while this
   * process's main thread is busy (the socket pair only moves when its event loop turns).
   */
  public sendTask(frame: Buffer): void {
    const out = this.bulk === undefined || this.out?.idle === true ? this.out : this.bulk;
    out?.frame('ix', [], this.tasksHeader, frame);
  }

  /**
   * Runs one command on the interchange.
   * @throws {Error} on timeout or when the interchange answers with an error
   */
  public command(cmd: CommandName, arg?: unknown, timeoutMs = 10_000): Promise<unknown> {
    if (this.fatalSent || this.stopping || this.killed) {
      return Promise.reject(new Error(`the interchange is gone; command ${cmd} was not sent`));
    }
    const req = this.nextReq++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.replies.delete(req);
        reject(new Error(`the interchange did not answer command ${cmd} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.replies.set(req, { resolve, reject, timer });
      this.out?.message([
        encodeHeader(arg === undefined ? { t: 'cmd', req, cmd } : { t: 'cmd', req, cmd, arg }),
      ]);
    });
  }

  /** Stops the interchange (it tells the pools to stop) and closes the link. */
  public async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
    for (const [, pending] of this.replies) {
      clearTimeout(pending.timer);
      pending.reject(new Error('the executor is shutting down'));
    }
    this.replies.clear();
    await Promise.race([
      Promise.all([this.out?.drain(), this.bulk?.drain()]),
      new Promise((r) => setTimeout(r, 200)),
    ]);
    await this.endChild('SIGTERM');
    this.closeLinks();
  }

  /**
   * Synchronous, for process exit and aborts: SIGTERM to the interchange (it still tells the pools
   * to stop and exits), no more heartbeats, and its exit is not reported as a failure. A later
   * `stop()` still waits for the exit (SIGKILL after 2 s) and closes the link.
   */
  public killSync(): void {
    this.killed = true;
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
    const child = this.child;
    if (child !== undefined && child.exitCode === null && child.signalCode === null)
      child.kill('SIGTERM');
  }

  /** The interchange process id (for tests and logs). */
  public get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Sends the settings, reads the ports and opens the link (and the bulk socket). */
  private async connect(child: ChildProcess): Promise<void> {
    // Loaded while the interchange starts, for the bulk link (unencrypted runs).
    const zmqModule = this.launch.certDir === undefined ? import('zeromq') : undefined;
    zmqModule?.catch(() => undefined);
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-2000);
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.write(`${JSON.stringify({ ...this.launch, clientFd: 3 })}\n`);
    const ports = await this.readPorts(child);
    child.once('exit', (code, signal) =>
      this.fatal(`the interchange process exited (${signal ?? `exit code ${code}`})${this.tail()}`),
    );
    const link = new PipeLink(
      child.stdio[3] as Duplex,
      ([head, ...frames]) => this.receive(decodeHeader(head), frames),
      // The exit event names the cause; this catches a link that closes without an exit.
      () => {
        setTimeout(
          () => this.fatal(`the link to the interchange closed${this.tail()}`),
          500,
        ).unref();
      },
    );
    this.link = link;
    this.workerPort = ports.workerPort;
    this.out = new Outbox(
      link,
      (error) => this.fatal(`sending to the interchange failed: ${String(error)}`),
      spinWindowMs('executor'),
    );
    this.out.message([encodeHeader({ t: 'hb' })]);
    if (zmqModule !== undefined && ports.clientIpc !== undefined) {
      const zmq = await zmqModule;
      const bulk = new zmq.Dealer({ sendHighWaterMark: 0, receiveHighWaterMark: 0, linger: 0 });
      this.bulkSocket = bulk;
      try {
        bulk.connect(ports.clientIpc);
      } catch (error: unknown) {
        const why = error instanceof Error ? error.message : String(error);
        throw new Error(`cannot connect to the interchange's ${ports.clientIpc}: ${why}`, {
          cause: error,
        });
      }
      this.bulk = new Outbox(bulk, (error) =>
        this.fatal(`sending to the interchange failed: ${String(error)}`),
      );
    }
    this.lastHeard = Date.now();
    this.heartbeat = setInterval(() => this.beat(), this.timing.heartbeatPeriod * 1000);
    this.heartbeat.unref();
  }

  /** Sends `signal` to a live interchange and waits for it to exit (SIGKILL after 2 s). */
  private async endChild(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    const killer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(killer);
  }

  private closeLinks(): void {
    this.out?.close();
    this.link?.close();
    this.bulk?.close();
    this.bulkSocket?.close();
  }

  /** Reads the ports line; on a timeout, an exit or a line that is not JSON, kills the child. */
  private readPorts(child: ChildProcess): Promise<InterchangePorts> {
    return new Promise((resolve, reject) => {
      let buffer = '';
      const fail = (why: string): void => {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.kill('SIGKILL');
        reject(new Error(`the interchange did not start: ${why}${this.tail()}`));
      };
      const timer = setTimeout(
        () => fail(`no ports reported within ${this.timing.startTimeout} s`),
        this.timing.startTimeout * 1000,
      );
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
        fail(`it exited (${signal ?? `exit code ${code}`})`);
      const onData = (chunk: Buffer): void => {
        buffer += chunk.toString('utf8');
        const newline = buffer.indexOf('\n');
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        try {
          resolve(JSON.parse(line) as InterchangePorts);
        } catch {
          fail(`it printed ${JSON.stringify(line)} instead of its ports`);
        }
      };
      child.once('exit', onExit);
      child.stdout?.on('data', onData);
    });
  }

  private receive(header: Header | undefined, frames: Buffer[]): void {
    this.lastHeard = Date.now();
    switch (header?.t) {
      case 'results':
        for (const record of unpackRecords(frames)) this.handlers.onResult(record);
        break;
      case 'reply':
        this.reply(header);
        break;
      case 'fatal':
        this.fatal(
          header.reason,
          header.code === 'VERSION_MISMATCH' ? 'VERSION_MISMATCH' : 'INTERCHANGE_LOST',
        );
        break;
      case 'event':
        this.handlers.onEvent(header);
        break;
      default:
        break;
    }
  }

  private reply(header: Extract<Header, { t: 'reply' }>): void {
    const pending = this.replies.get(header.req);
    if (pending === undefined) return;
    this.replies.delete(header.req);
    clearTimeout(pending.timer);
    if (header.error !== undefined)
      pending.reject(new Error(`the interchange refused the command: ${header.error}`));
    else pending.resolve(header.value);
  }

  private beat(): void {
    if (Date.now() - this.lastHeard > this.timing.heartbeatThreshold * 1000) {
      this.fatal(`the interchange has not answered for ${this.timing.heartbeatThreshold} s`);
      this.child?.kill('SIGKILL');
      return;
    }
    this.out?.message([encodeHeader({ t: 'hb' })]);
  }

  private fatal(
    reason: string,
    code: 'VERSION_MISMATCH' | 'INTERCHANGE_LOST' = 'INTERCHANGE_LOST',
  ): void {
    if (this.stopping || this.killed || this.fatalSent) return;
    this.fatalSent = true;
    for (const [, pending] of this.replies) {
      clearTimeout(pending.timer);
      pending.reject(new Error(`the interchange is gone (${reason})`));
    }
    this.replies.clear();
    this.handlers.onFatal(reason, code);
  }

  private tail(): string {
    const text = this.stderrTail.trim();
    return text === '' ? '' : `; its stderr ends with: ${text.split('\n').slice(-5).join(' | ')}`;
  }
}
