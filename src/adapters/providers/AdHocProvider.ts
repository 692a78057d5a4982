import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ChannelError } from '../../domain/errors/ChannelErrors.js';
import { ScaleOutFailed, ScriptPathError } from '../../domain/errors/ProviderErrors.js';
import type { JobStatus } from '../../domain/job/JobState.js';
import type { Channel } from '../../ports/Channel.js';
import type { ExecutionProvider } from '../../ports/ExecutionProvider.js';
import type { Launcher } from '../../ports/Launcher.js';
import { connectionFailure } from './cluster/connectionFailure.js';
import { JobTable } from './cluster/JobTable.js';
import { LocalScriptDir } from './cluster/LocalScriptDir.js';
import { shellQuote } from './cluster/shellQuote.js';

/** Options of {@link AdHocProvider}. Parsl: parsl.providers.AdHocProvider */
export interface AdHocProviderOptions {
  /** Shell run before the workers on every host (e.g. `source ~/setup.sh`). @default '' */
  readonly workerInit?: string;
  /** Seconds to wait for a command on a host. @default 30 */
  readonly cmdTimeout?: number;
  /** @default 1 */
  readonly parallelism?: number;
  /** Label of the executor this provider serves (used in messages). @default undefined */
  readonly executorLabel?: string;
  /** How often the executor should poll `status`, in ms. @default 10000 */
  readonly statusPollingIntervalMs?: number;
  /** Local directory block scripts are written to before they are copied to a host. @default a temp dir (the config default is `<runDir>/submit_scripts`) */
  readonly localScriptDir?: string;
}

interface HostJob {
  readonly channel: Channel;
  readonly pid: number;
  readonly script: string;
}

/**
 * Runs one block per host on machines without a scheduler, each reached by a channel (usually
 * SSH): the block is a background process group started with `setsid`, its status is `kill -0`
 * plus the exit code it leaves in `<script>.ec`, and cancel kills its group.
 * Parsl: parsl.providers.AdHocProvider
 */
export class AdHocProvider implements ExecutionProvider {
  public readonly kind = 'ad-hoc';
  public readonly nodesPerBlock = 1;
  public readonly initBlocks: number;
  public readonly minBlocks: number;
  public readonly maxBlocks: number;
  public readonly parallelism: number;
  public readonly walltime = '00:00:00';
  public readonly workerInit: string;
  public readonly statusPollingIntervalMs: number;
  private readonly cmdTimeoutMs: number;
  private readonly jobs = new JobTable();
  private readonly hostJobs = new Map<string, HostJob>();
  private readonly localDir: LocalScriptDir;
  private submitted = 0;

  public constructor(
    private readonly options: AdHocProviderOptions,
    public readonly channels: readonly Channel[],
    public readonly launcher: Launcher,
  ) {
    this.initBlocks = this.minBlocks = this.maxBlocks = channels.length;
    this.parallelism = options.parallelism ?? 1;
    this.workerInit = options.workerInit ?? '';
    this.cmdTimeoutMs = (options.cmdTimeout ?? 30) * 1000;
    this.statusPollingIntervalMs = options.statusPollingIntervalMs ?? 10_000;
    this.localDir = new LocalScriptDir(options.localScriptDir, 'parsl-ts-adhoc-');
  }

  public get label(): string {
    return this.options.executorLabel === undefined
      ? 'AdHocProvider'
      : `AdHocProvider[${this.options.executorLabel}]`;
  }

  /** The first host without a live block. */
  private freeChannel(): Channel | undefined {
    const busy = new Set(
      this.jobs
        .active()
        .map((id) => this.hostJobs.get(id)?.channel)
        .filter((c) => c !== undefined),
    );
    return this.channels.find((c) => !busy.has(c));
  }

  public async submit(command: string, tasksPerNode: number, jobName: string): Promise<string> {
    const channel = this.freeChannel();
    if (channel === undefined) {
      throw new ScaleOutFailed(
        this.label,
        `every one of the ${this.channels.length} hosts already runs a block (one block per host). Add channels, or lower the executor's block count.`,
      );
    }
    this.submitted += 1;
    const name = `${jobName}.${Date.now()}.${this.submitted}.sh`;
    const text = `${this.workerInit}\n${this.launcher.wrap(command, tasksPerNode, 1)}\n`;
    const script = await this.place(channel, name, text);
    const ec = `${script}.ec`;
    const inner = `bash ${shellQuote(script)} > ${shellQuote(`${script}.out`)} 2>&1; echo $? > ${shellQuote(ec)}`;
    const start = `rm -f ${shellQuote(ec)}; setsid bash -c ${shellQuote(inner)} < /dev/null > /dev/null 2>&1 & echo "PID:$!"`;
    let pid: number | undefined;
    try {
      const result = await channel.executeWait(start, { timeoutMs: this.cmdTimeoutMs });
      pid = Number(/PID:(\d+)/.exec(result.stdout)?.[1]);
    } catch (error: unknown) {
      if (!(error instanceof ChannelError)) throw error;
      throw new ScaleOutFailed(
        this.label,
        `cannot start the block on ${channel.hostname}: ${error.message}`,
        { cause: error },
      );
    }
    if (!Number.isInteger(pid)) {
      throw new ScaleOutFailed(
        this.label,
        `the block on ${channel.hostname} did not report its pid`,
      );
    }
    const jobId = `${channel.hostname}:${this.channels.indexOf(channel)}:${pid}`;
    this.jobs.add({
      jobId,
      jobName: name,
      status: { state: 'RUNNING', stdoutPath: `${script}.out` },
      stdoutPath: `${script}.out`,
    });
    this.hostJobs.set(jobId, { channel, pid, script });
    return jobId;
  }

  /** Writes the block script locally and copies it into the host's scriptDir. */
  private async place(channel: Channel, name: string, text: string): Promise<string> {
    const local = join(await this.localDir.path(), name);
    try {
      await writeFile(local, text, { mode: 0o755 });
    } catch (error: unknown) {
      throw new ScriptPathError(local, `${this.label}: ${String(error)}`, { cause: error });
    }
    try {
      await channel.makedirs(channel.scriptDir, { existOk: true });
      return await channel.pushFile(local, channel.scriptDir);
    } catch (error: unknown) {
      if (!(error instanceof ChannelError)) throw error;
      throw (
        connectionFailure(this.label, channel.hostname, error) ??
        new ScriptPathError(
          `${channel.hostname}:${channel.scriptDir}/${name}`,
          `${this.label}: ${error.message}`,
          {
            cause: error,
          },
        )
      );
    }
  }

  public async status(jobIds: readonly string[]): Promise<JobStatus[]> {
    for (const id of this.jobs.active().filter((j) => jobIds.includes(j))) {
      const job = this.hostJobs.get(id);
      if (job === undefined) continue;
      const probe = `if kill -0 ${job.pid} 2>/dev/null; then echo RUNNING; else cat ${shellQuote(`${job.script}.ec`)} 2>/dev/null || echo GONE; fi`;
      const result = await job.channel
        .executeWait(probe, { timeoutMs: this.cmdTimeoutMs })
        .catch(() => undefined);
      const answer = result?.stdout.trim();
      if (answer === undefined || answer === '' || answer === 'RUNNING') continue;
      if (answer === 'GONE')
        this.jobs.set(id, 'FAILED', { message: 'the block exited without an exit code (killed)' });
      else {
        const exitCode = Number(answer);
        this.jobs.set(id, exitCode === 0 ? 'COMPLETED' : 'FAILED', { exitCode });
      }
    }
    return this.jobs.statuses(jobIds);
  }

  public async cancel(jobIds: readonly string[]): Promise<boolean[]> {
    const results: boolean[] = [];
    for (const id of jobIds) {
      const job = this.hostJobs.get(id);
      if (job === undefined) {
        results.push(false);
        continue;
      }
      const result = await job.channel
        .executeWait(`kill -TERM -- -${job.pid}`, { timeoutMs: this.cmdTimeoutMs })
        .catch(() => undefined);
      const ok = result?.exitCode === 0;
      if (ok) this.jobs.set(id, 'CANCELLED');
      results.push(ok);
    }
    return results;
  }

  /**
   * Cancels the blocks still running, removes the local temp dir of block scripts (not a
   * localScriptDir the user gave), then closes every channel.
   */
  public async close(): Promise<void> {
    const active = this.jobs.active();
    if (active.length > 0) await this.cancel(active);
    await this.localDir.remove();
    await Promise.all(this.channels.map((c) => c.close()));
  }
}
