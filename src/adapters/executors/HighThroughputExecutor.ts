import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadStateError, ExecutorError } from '../../domain/errors/ExecutorErrors.js';
import type { JobStatus } from '../../domain/job/JobState.js';
import type { BlockExecutor, ScaleInOptions } from '../../ports/BlockExecutor.js';
import type { ExecutionProvider } from '../../ports/ExecutionProvider.js';
import type { ExecutorContext, ExecutorTask } from '../../ports/Executor.js';
import type { Logger } from '../../ports/Logger.js';
import { BlockTable } from './htex/BlockTable.js';
import { spinSettingProblem } from './htex/hotLoop.js';
import type { InterchangeClient } from './htex/InterchangeClient.js';
import { interchangeFatalError } from './htex/interchangeFatalError.js';
import { PendingTasks } from './htex/PendingTasks.js';
import { type PoolEvent, PoolRegistry } from './htex/PoolRegistry.js';
import { buildPoolCommand } from './htex/poolCommand.js';
import { computeWorkerCount } from './htex/poolOptions.js';
import { prepareInterchange } from './htex/prepareInterchange.js';
import type { ManagerInfo } from './htex/protocol.js';
import { SubmitQueue } from './htex/SubmitQueue.js';
import { encodeTaskFrame } from './htex/taskCodec.js';
import { submitRefused } from './submitRefused.js';

/** Options of {@link HighThroughputExecutor} (Parsl's parameters in camelCase). */
export interface HighThroughputExecutorOptions {
  /** @default 'HighThroughputExecutor' */
  readonly label: string;
  /** Starts blocks of worker pools; without one, start pools yourself with {@link HighThroughputExecutor.poolCommand}. */
  readonly provider?: ExecutionProvider;
  /** Pool command template; `{block_id}` is replaced per block. @default the parsl-ts worker-pool entry with the options below */
  readonly launchCmd?: string;
  /** Address the pools connect to. A non-loopback address turns on CurveZMQ. @default '127.0.0.1' */
  readonly address?: string;
  /** Fixed interchange port(s) for pools; the first is used (pools share one socket). @default none */
  readonly workerPorts?: readonly [number, number];
  /** @default [54000, 55000] */
  readonly workerPortRange?: readonly [number, number];
  /** Ports the executor talks to the interchange on. @default [55000, 56000] */
  readonly interchangePortRange?: readonly [number, number];
  /** @default Infinity */
  readonly maxWorkers?: number;
  /** @default 1 */
  readonly coresPerWorker?: number;
  /** GB per worker; absent = no memory limit. @default undefined */
  readonly memPerWorker?: number;
  /** Tasks a pool may hold beyond its worker count. @default 0 */
  readonly prefetchCapacity?: number;
  /** Seconds between heartbeats (pool ↔ interchange ↔ executor). @default 30 */
  readonly heartbeatPeriod?: number;
  /** Seconds of silence before the other side is declared lost. @default 120 */
  readonly heartbeatThreshold?: number;
  /** Milliseconds; kept for parity (the ZeroMQ loops are event-driven, not polled). @default 10 */
  readonly pollPeriod?: number;
  /** Debug logs from the interchange and pools. @default false */
  readonly workerDebug?: boolean;
  /** @default true */
  readonly managed?: boolean;
  /** Working directory of the workers. @default the pool's cwd */
  readonly workingDir?: string;
  /** Staging providers for this executor's files (docs/staging.md). @default the default list */
  readonly storageAccess?: readonly unknown[];
  /** Encrypt and authenticate every link with CurveZMQ. @default true unless `address` is loopback */
  readonly encrypted?: boolean;
  /** Pools ask to be drained this many seconds after they start. @default never */
  readonly drainPeriod?: number;
}

/**
 * Pilot-job executor: an interchange process and worker pools (started in blocks by the provider)
 * pull tasks and push results over ZeroMQ.
 * Parsl: parsl.executors.HighThroughputExecutor
 */
export class HighThroughputExecutor implements BlockExecutor {
  public readonly label: string;
  public readonly managed: boolean;
  public readonly scalingEnabled: boolean;
  public readonly canScaleInIdleBlocks = true;
  public readonly workersPerNode: number;
  public readonly storageAccess: readonly unknown[] | undefined;
  private readonly pending: PendingTasks;
  private readonly pools = new PoolRegistry();
  private readonly blocks = new BlockTable();
  private client: InterchangeClient | undefined;
  /** The client while `start()` waits for it (so killSync reaches it too). */
  private launching: InterchangeClient | undefined;
  private nextTaskId = 1;
  private failure: Error | undefined;
  private shutDown = false;
  private logger: Logger | undefined;
  private logDir = '';
  private certDir: string | undefined;
  private plannedWorkerPort = 0;
  private ipcDir: string | undefined;
  /** Monitoring is on: task frames carry the kernel's ids for the pools' resource samples. */
  private monitored = false;
  private readonly heartbeatPeriod: number;
  private readonly heartbeatThreshold: number;
  /** Encodes submits in slices, pipelined with sending (see SubmitQueue). */
  private readonly unsent = new SubmitQueue<ExecutorTask>(
    (task, taskId) => encodeTaskFrame(this.label, task, taskId, this.monitored),
    (frame) => this.client?.sendTask(frame),
    (taskId, error) => this.pending.fail(taskId, error),
  );

  public constructor(private readonly options: HighThroughputExecutorOptions) {
    this.label = options.label;
    this.pending = new PendingTasks(options.label);
    this.managed = options.managed ?? true;
    this.scalingEnabled = options.provider !== undefined;
    this.storageAccess = options.storageAccess;
    this.heartbeatPeriod = options.heartbeatPeriod ?? 30;
    this.heartbeatThreshold = options.heartbeatThreshold ?? 120;
    // As the pools will count them, from what the provider says of its nodes (Parsl: HTEX.__init__)
    const node = options.provider;
    this.workersPerNode = computeWorkerCount(
      {
        maxWorkers: options.maxWorkers ?? Number.POSITIVE_INFINITY,
        coresPerWorker: options.coresPerWorker ?? 1,
        memPerWorker: node?.memPerNode === undefined ? undefined : options.memPerWorker,
      },
      node?.coresPerNode ?? availableParallelism(),
      node?.memPerNode ?? 0,
    );
  }

  public get provider(): ExecutionProvider {
    if (this.options.provider === undefined)
      throw new ExecutorError(this.label, 'has no provider; pools are started by hand');
    return this.options.provider;
  }

  public get badState(): Error | undefined {
    return this.failure;
  }

  /** Puts the executor in bad state (the poller's block error handler): outstanding and later tasks fail. */
  public setBadState(error: Error): void {
    this.failure ??= error;
    this.unsent.clear();
    this.pending.failAll(error);
  }

  public get connectedWorkers(): number {
    return this.pools.workerCount;
  }

  /** Port the pools connect to (after `start`). */
  public get workerPort(): number {
    return this.plannedWorkerPort;
  }

  /** Interchange process id (after `start`). */
  public get interchangePid(): number | undefined {
    return this.client?.pid;
  }

  public async start(context: ExecutorContext): Promise<void> {
    if (this.client !== undefined || this.launching !== undefined)
      throw new ExecutorError(this.label, 'start() called twice');
    const spinProblem = spinSettingProblem(process.env['PARSL_HTEX_SPIN_US']);
    if (spinProblem !== undefined) throw new ExecutorError(this.label, spinProblem);
    this.logger = context.logger;
    this.monitored = context.workerMonitoring !== undefined;
    this.logDir = join(context.runDir, this.label);
    mkdirSync(this.logDir, { recursive: true });
    // Short path (ipc socket paths are limited to ~100 bytes), private to this user.
    this.ipcDir = mkdtempSync(join(tmpdir(), 'parsl-ts-ix-'));
    let firstBlocks: Promise<unknown> = Promise.resolve();
    try {
      const { client, workerPort, certDir } = await prepareInterchange(
        this.options,
        {
          logDir: this.logDir,
          ipcDir: this.ipcDir,
          heartbeatPeriod: this.heartbeatPeriod,
          heartbeatThreshold: this.heartbeatThreshold,
          monitoring: context.workerMonitoring,
        },
        {
          onResult: (frame) => this.pending.settle(frame),
          onFatal: (reason, code) => this.onFatal(reason, code),
          onEvent: (event) => this.onPoolEvent(event),
        },
      );
      this.plannedWorkerPort = workerPort;
      this.certDir = certDir;
      this.launching = client;
      const initBlocks = this.options.provider?.initBlocks ?? 0;
      if (initBlocks > 0) firstBlocks = this.scaleOut(initBlocks);
      await client.start();
      this.client = client;
      this.logger?.info(
        `${this.label}: interchange up (pid ${client.pid}, worker port ${client.workerPort}${certDir === undefined ? '' : ', CurveZMQ'})`,
      );
    } catch (error: unknown) {
      await this.releaseFailedStart(firstBlocks);
      throw new ExecutorError(
        this.label,
        `could not start: ${error instanceof Error ? error.message : String(error)}. See ${this.interchangeLog}.`,
        { cause: error },
      );
    } finally {
      this.launching = undefined;
    }
    await firstBlocks;
  }

  /** Process exit and aborts: stops the interchange now (SIGTERM) and removes its socket dir. */
  public killSync(): void {
    const client = this.client ?? this.launching;
    if (client !== undefined) {
      this.failure ??= new BadStateError(
        this.label,
        'its interchange was stopped by killSync() (process exit or abort); start a new executor to run more tasks',
      );
      client.killSync();
    }
    if (this.ipcDir !== undefined) rmSync(this.ipcDir, { recursive: true, force: true });
  }

  public submit(task: ExecutorTask): Promise<unknown> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const client = this.client;
    if (client === undefined) return Promise.reject(submitRefused(this.label, this.shutDown));
    const taskId = this.nextTaskId;
    this.nextTaskId = this.nextTaskId >= 0xffffffff ? 1 : this.nextTaskId + 1;
    const settled = this.pending.add(taskId, task.appName);
    this.unsent.push(taskId, task);
    return settled;
  }

  public outstanding(): number {
    return this.pending.size;
  }

  /** The command line that starts one pool of this executor (what the provider runs per block). */
  public poolCommand(blockId: string): string {
    const command =
      this.options.launchCmd ??
      buildPoolCommand({
        address: this.options.address ?? '127.0.0.1',
        port: this.workerPort,
        maxWorkers: this.options.maxWorkers,
        coresPerWorker: this.options.coresPerWorker,
        memPerWorker: this.options.memPerWorker,
        prefetchCapacity: this.options.prefetchCapacity ?? 0,
        heartbeatPeriod: this.heartbeatPeriod,
        heartbeatThreshold: this.heartbeatThreshold,
        drainPeriod: this.options.drainPeriod,
        certDir: this.certDir,
        logDir: this.logDir,
        debug: this.options.workerDebug ?? false,
        workingDir: this.options.workingDir,
        ipc:
          this.ipcDir === undefined
            ? undefined
            : { endpoint: `ipc://${join(this.ipcDir, 'workers.sock')}`, host: hostname() },
      });
    return command.replaceAll('{block_id}', blockId).replaceAll('{port}', String(this.workerPort));
  }

  /** Registered pools, as the interchange sees them. Parsl: connected_managers */
  public async connectedManagers(): Promise<ManagerInfo[]> {
    return (await this.requireClient().command('managers')) as ManagerInfo[];
  }

  /** Stops sending tasks to a pool; it keeps running. Parsl: hold_worker */
  public async holdWorker(managerId: string): Promise<boolean> {
    return (await this.requireClient().command('hold', { managerId })) === true;
  }

  /** Sends no more tasks to a pool and stops it once its tasks are done. */
  public async drainWorker(managerId: string): Promise<boolean> {
    return (await this.requireClient().command('drain', { managerId })) === true;
  }

  public async scaleOut(blocks: number): Promise<string[]> {
    const provider = this.provider;
    const ids: string[] = [];
    for (let i = 0; i < blocks; i += 1) {
      const blockId = this.blocks.nextId();
      ids.push(blockId);
      try {
        const jobId = await provider.submit(
          this.poolCommand(blockId),
          1,
          `parsl.${this.label}.block-${blockId}`,
        );
        this.blocks.started(blockId, jobId);
        this.logger?.info(`${this.label}: started block ${blockId} (job ${jobId})`);
      } catch (error: unknown) {
        const message = error instanceof Error ? error.message : String(error);
        this.blocks.failed(blockId, message);
        this.logger?.error(`${this.label}: block ${blockId} failed to start: ${message}`);
      }
    }
    return ids;
  }

  public async scaleIn(blocks: number, options: ScaleInOptions = {}): Promise<string[]> {
    const live = this.blocks.liveIds();
    if (live.length === 0 || blocks <= 0) return [];
    const managers = await this.connectedManagers();
    const held = (await this.requireClient().command('holdBlocks', {
      blockIds: this.blocks.orderForScaleIn(live, managers),
      limit: blocks,
      force: options.force === true,
      ...(options.maxIdletimeSeconds === undefined
        ? {}
        : { maxIdleSeconds: options.maxIdletimeSeconds }),
    })) as string[];
    await this.cancelBlocks(held);
    return held;
  }

  public blockStatuses(): ReadonlyMap<string, JobStatus> {
    return this.blocks.statuses();
  }

  public async pollBlockStatuses(): Promise<ReadonlyMap<string, JobStatus>> {
    const live = this.blocks.liveJobs();
    if (live.length > 0 && this.options.provider !== undefined) {
      const statuses = await this.options.provider.status(live.map(([, jobId]) => jobId));
      live.forEach(([blockId], index) => {
        const status = statuses[index];
        if (status !== undefined) this.blocks.update(blockId, status);
      });
    }
    return this.blocks.statuses();
  }

  public async shutdown(options: { readonly abort?: boolean } = {}): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.shutDown = true;
    try {
      await client?.stop();
    } finally {
      if (this.ipcDir !== undefined) rmSync(this.ipcDir, { recursive: true, force: true });
    }
    if (this.options.provider !== undefined) {
      await this.cancelBlocks(this.blocks.liveIds()).catch((error: unknown) =>
        this.logger?.warn(`${this.label}: cancelling blocks at shutdown failed: ${String(error)}`),
      );
      await this.options.provider.close();
    }
    this.unsent.clear();
    this.pending.failAll(
      new BadStateError(
        this.label,
        options.abort === true ? 'shut down with abort' : 'shut down before the task finished',
      ),
    );
  }

  private async cancelBlocks(blockIds: readonly string[]): Promise<void> {
    if (blockIds.length === 0 || this.options.provider === undefined) return;
    const jobIds = blockIds
      .map((id) => this.blocks.jobId(id))
      .filter((id): id is string => id !== undefined);
    if (jobIds.length > 0) await this.options.provider.cancel(jobIds);
    for (const id of blockIds) this.blocks.scaledIn(id);
  }

  /** After a failed start: no blocks, no interchange, no socket directory are left. */
  private async releaseFailedStart(firstBlocks: Promise<unknown>): Promise<void> {
    await firstBlocks;
    await this.cancelBlocks(this.blocks.liveIds()).catch(() => undefined);
    // The client kills a failed interchange itself; this covers a failure after its start.
    await this.launching?.stop();
    if (this.ipcDir !== undefined) rmSync(this.ipcDir, { recursive: true, force: true });
    this.ipcDir = undefined;
  }

  private onPoolEvent(event: PoolEvent): void {
    this.pools.apply(event);
    this.logger?.info(
      `${this.label}: pool ${event.managerId} (block ${event.blockId}) ${event.kind}`,
    );
  }

  private onFatal(reason: string, code: 'VERSION_MISMATCH' | 'INTERCHANGE_LOST'): void {
    const error = interchangeFatalError(this.label, reason, code, this.interchangeLog);
    this.failure ??= error;
    this.logger?.error(error.message);
    this.unsent.clear();
    this.pending.failAll(error);
  }

  private get interchangeLog(): string {
    return join(this.logDir, 'interchange.log');
  }

  private requireClient(): InterchangeClient {
    if (this.client === undefined) throw new ExecutorError(this.label, 'is not started');
    return this.client;
  }
}
