import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join, posix, resolve } from 'node:path';
import { ConfigurationError } from '../../domain/errors/ConfigurationError.js';
import { ParslError } from '../../domain/errors/ParslError.js';
import {
  ExecutionProviderException,
  ScriptPathError,
  SubmitException,
} from '../../domain/errors/ProviderErrors.js';
import { isTerminalJobState, type JobStatus } from '../../domain/job/JobState.js';
import { parseWalltime } from '../../domain/job/parseWalltime.js';
import type { Channel } from '../../ports/Channel.js';
import type { ExecutionProvider } from '../../ports/ExecutionProvider.js';
import type { Launcher } from '../../ports/Launcher.js';
import {
  cancelCommand,
  launchCommand,
  parseStatusOutput,
  probeToStatus,
  statusCommand,
} from './local/localBlockCommands.js';

/** Options of {@link LocalProvider}. Defaults: {@link LOCAL_PROVIDER_DEFAULTS}. */
export interface LocalProviderOptions {
  /** @default 1 */
  readonly nodesPerBlock?: number;
  /** @default 1 */
  readonly initBlocks?: number;
  /** @default 0 */
  readonly minBlocks?: number;
  /** @default 1 */
  readonly maxBlocks?: number;
  /** @default 1 */
  readonly parallelism?: number;
  /** Each block is killed (TIMEOUT) after this long, "HH:MM:SS". @default '00:15:00' */
  readonly walltime?: string;
  /** Shell text run before the launcher's text in each block. @default '' */
  readonly workerInit?: string;
  /** Seconds to wait for each channel command (start, status, cancel). @default 30 */
  readonly cmdTimeout?: number;
  /** Exported as PARSL_CORES in the block. */
  readonly coresPerNode?: number;
  /** Exported as PARSL_MEMORY_GB in the block. */
  readonly memPerNode?: number;
  /**
   * Copy the script to the channel's scriptDir: undefined = when it is not already there.
   * false = run it where it was written (a shared filesystem). @default undefined
   */
  readonly moveFiles?: boolean;
  /** Local directory the scripts are written to before the push. @default channel.scriptDir */
  readonly scriptDir?: string;
  /** Seconds between SIGTERM and SIGKILL on cancel and at walltime. @default 2 */
  readonly killGraceSeconds?: number;
  /** How often the poller asks for status, in ms. @default 5000 */
  readonly statusPollingIntervalMs?: number;
}

/** Defaults of {@link LocalProviderOptions} (the config class uses the same values). */
export const LOCAL_PROVIDER_DEFAULTS = {
  nodesPerBlock: 1,
  initBlocks: 1,
  minBlocks: 0,
  maxBlocks: 1,
  parallelism: 1,
  walltime: '00:15:00',
  workerInit: '',
  cmdTimeout: 30,
  killGraceSeconds: 2,
  statusPollingIntervalMs: 5_000,
} as const;

interface LocalJob {
  readonly pid: string;
  readonly scriptPath: string;
  status: JobStatus;
  cancelled: boolean;
}

const safeName = (name: string): string => name.replace(/[^A-Za-z0-9._-]/g, '_');
const describeError = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * Runs each block as a process group on the channel's host (this machine with LocalChannel):
 * `setsid` + `timeout` start it in the background, status comes from the process and its exit
 * code, cancel signals the group (TERM, then KILL after a grace), walltime kills it (TIMEOUT).
 * Block stdout/stderr go to `<script>.out` / `.err` beside the script in the channel's scriptDir.
 * Parsl: parsl.providers.LocalProvider
 */
export class LocalProvider implements ExecutionProvider {
  public readonly kind = 'local';
  public readonly label = 'local';
  public readonly nodesPerBlock: number;
  public readonly initBlocks: number;
  public readonly minBlocks: number;
  public readonly maxBlocks: number;
  public readonly parallelism: number;
  public readonly walltime: string;
  public readonly workerInit: string;
  public readonly coresPerNode?: number;
  public readonly memPerNode?: number;
  public readonly statusPollingIntervalMs: number;
  private readonly walltimeSeconds: number;
  private readonly cmdTimeoutMs: number;
  private readonly graceSeconds: number;
  private readonly jobs = new Map<string, LocalJob>();
  private submitted = 0;
  private scriptDirReady = false;

  public constructor(
    private readonly options: LocalProviderOptions,
    public readonly channel: Channel,
    public readonly launcher: Launcher,
  ) {
    const o = { ...LOCAL_PROVIDER_DEFAULTS, ...stripUndefined(options) };
    this.nodesPerBlock = o.nodesPerBlock;
    this.initBlocks = o.initBlocks;
    this.minBlocks = o.minBlocks;
    this.maxBlocks = o.maxBlocks;
    this.parallelism = o.parallelism;
    this.walltime = o.walltime;
    this.workerInit = o.workerInit;
    this.statusPollingIntervalMs = o.statusPollingIntervalMs;
    if (options.coresPerNode !== undefined) this.coresPerNode = options.coresPerNode;
    if (options.memPerNode !== undefined) this.memPerNode = options.memPerNode;
    this.cmdTimeoutMs = o.cmdTimeout * 1000;
    this.graceSeconds = o.killGraceSeconds;
    try {
      this.walltimeSeconds = parseWalltime(o.walltime);
    } catch (error: unknown) {
      throw ConfigurationError.single(
        'provider.walltime',
        `LocalProvider: ${describeError(error)}`,
      );
    }
  }

  /** Blocks submitted and not known to be finished. Parsl: current_capacity */
  public get currentCapacity(): number {
    return [...this.jobs.values()].filter((j) => !isTerminalJobState(j.status.state)).length;
  }

  public async submit(command: string, tasksPerNode: number, jobName: string): Promise<string> {
    this.submitted += 1;
    const name = safeName(`${jobName}.${Date.now()}.${this.submitted}`);
    const localDir = resolve(this.options.scriptDir ?? this.channel.scriptDir);
    const localPath = join(localDir, `${name}.sh`);
    const script = this.renderScript(name, command, tasksPerNode);
    try {
      await mkdir(localDir, { recursive: true });
      await writeFile(localPath, script);
      await chmod(localPath, 0o755);
    } catch (error: unknown) {
      throw new ScriptPathError(localPath, describeError(error), { cause: error });
    }
    const scriptPath = await this.place(localPath);
    const launch = launchCommand(scriptPath, this.walltimeSeconds, this.graceSeconds);
    const outcome = await this.run('submit', launch, posix.dirname(scriptPath));
    const pid = /^PID:(\d+)$/m.exec(outcome.stdout)?.[1];
    if (outcome.exitCode !== 0 || pid === undefined) {
      throw new SubmitException(
        'LocalProvider',
        name,
        { command: `bash ${scriptPath}`, ...outcome },
        'Check that bash, setsid and timeout exist on the channel host.',
      );
    }
    this.jobs.set(pid, {
      pid,
      scriptPath,
      cancelled: false,
      status: {
        state: 'RUNNING',
        stdoutPath: `${scriptPath}.out`,
        stderrPath: `${scriptPath}.err`,
      },
    });
    return pid;
  }

  public async status(jobIds: readonly string[]): Promise<JobStatus[]> {
    const live = jobIds
      .map((id) => this.jobs.get(id))
      .filter((j): j is LocalJob => j !== undefined && !isTerminalJobState(j.status.state));
    if (live.length > 0) {
      const outcome = await this.run('status', statusCommand(live));
      const probes = parseStatusOutput(outcome.stdout);
      for (const job of live) {
        const probe = probes.get(job.pid);
        if (probe !== undefined) {
          job.status = probeToStatus(probe, job.scriptPath, job.cancelled, this.walltime);
        }
      }
    }
    return jobIds.map(
      (id) =>
        this.jobs.get(id)?.status ?? {
          state: 'UNKNOWN',
          message: `LocalProvider: unknown job id ${id}`,
        },
    );
  }

  public async cancel(jobIds: readonly string[]): Promise<boolean[]> {
    const known = jobIds
      .map((id) => this.jobs.get(id))
      .filter((j): j is LocalJob => j !== undefined);
    const live = known.filter((j) => !isTerminalJobState(j.status.state));
    if (live.length > 0) {
      try {
        await this.run('cancel', cancelCommand(live, this.graceSeconds));
      } catch {
        return jobIds.map(() => false);
      }
      for (const job of live) {
        job.cancelled = true;
        job.status = { ...job.status, state: 'CANCELLED', message: 'cancelled by the executor' };
      }
    }
    return jobIds.map((id) => this.jobs.has(id));
  }

  public async close(): Promise<void> {
    await this.channel.close();
  }

  private renderScript(name: string, command: string, tasksPerNode: number): string {
    const exports = [`export JOBNAME="${name}"`];
    if (this.coresPerNode !== undefined) exports.push(`export PARSL_CORES=${this.coresPerNode}`);
    if (this.memPerNode !== undefined) exports.push(`export PARSL_MEMORY_GB=${this.memPerNode}`);
    const wrapped = this.launcher.wrap(command, tasksPerNode, this.nodesPerBlock);
    return `#!/bin/bash\n${exports.join('\n')}\n${this.workerInit}\n${wrapped}\n`;
  }

  /** Puts the script where the channel runs it (Parsl: move_files). */
  private async place(localPath: string): Promise<string> {
    if (this.options.moveFiles === false) return localPath;
    try {
      if (!this.scriptDirReady) {
        await this.channel.makedirs(this.channel.scriptDir, { existOk: true });
        this.scriptDirReady = true;
      }
      return await this.channel.pushFile(localPath, this.channel.scriptDir);
    } catch (error: unknown) {
      throw new ScriptPathError(
        `${this.channel.hostname}:${this.channel.scriptDir}`,
        `LocalProvider.submit: cannot push ${localPath}: ${describeError(error)}`,
        { cause: error },
      );
    }
  }

  private async run(operation: string, command: string, cwd?: string) {
    try {
      return await this.channel.executeWait(command, {
        timeoutMs: this.cmdTimeoutMs,
        ...(cwd === undefined ? {} : { cwd }),
      });
    } catch (error: unknown) {
      if (ParslError.is(error) && operation === 'submit') {
        throw new ExecutionProviderException(
          'PROVIDER_SUBMIT_FAILED',
          `LocalProvider.submit: ${error.message}. Raise cmdTimeout if the host is slow.`,
          { cause: error },
        );
      }
      throw new ExecutionProviderException(
        'PROVIDER_ERROR',
        `LocalProvider.${operation}: channel command failed on ${this.channel.hostname}: ${describeError(error)}`,
        { cause: error },
      );
    }
  }
}

/** Drops undefined values so that `{...defaults, ...options}` keeps the defaults. */
const stripUndefined = <TValue extends object>(value: TValue): Partial<TValue> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<TValue>;
