import { ChannelError } from '../../domain/errors/ChannelErrors.js';
import {
  type CommandOutcome,
  ScaleOutFailed,
  SchedulerMissingArgs,
  SubmitException,
} from '../../domain/errors/ProviderErrors.js';
import type { JobState, JobStatus } from '../../domain/job/JobState.js';
import type { Channel, CommandResult } from '../../ports/Channel.js';
import type { ExecutionProvider } from '../../ports/ExecutionProvider.js';
import type { Launcher } from '../../ports/Launcher.js';
import { JobTable } from './cluster/JobTable.js';
import { type ScriptFile, ScriptWriter } from './cluster/ScriptWriter.js';

/** Options every batch-scheduler provider has. Parsl: parsl.providers.cluster_provider.ClusterProvider */
export interface ClusterProviderOptions {
  /** Nodes per block. @default 1 */
  readonly nodesPerBlock?: number;
  /** Blocks started when the executor starts. @default 1 */
  readonly initBlocks?: number;
  /** @default 0 */
  readonly minBlocks?: number;
  /** @default 1 */
  readonly maxBlocks?: number;
  /** @default 1 */
  readonly parallelism?: number;
  /** Walltime per block, "HH:MM:SS". @default per scheduler (Parsl's defaults) */
  readonly walltime?: string;
  /** Text added to the scheduler directive block (`#SBATCH …`, `#PBS …`). @default '' */
  readonly schedulerOptions?: string;
  /** Shell run before the workers start, e.g. `module load node`. @default '' */
  readonly workerInit?: string;
  /** Cores to request per node; sets PARSL_CORES in the block. @default undefined (all) */
  readonly coresPerNode?: number;
  /** Memory per node in GB; sets PARSL_MEMORY_GB in the block. @default undefined (no request) */
  readonly memPerNode?: number;
  /** Seconds to wait for a scheduler command. @default per scheduler (Parsl's defaults) */
  readonly cmdTimeout?: number;
  /** Copy the submit script to the channel's scriptDir (false: a shared file system). @default true */
  readonly moveFiles?: boolean;
  /** Local directory the script is written to before it is copied. @default channel.scriptDir for a local channel, else a temp dir */
  readonly localScriptDir?: string;
  /** Label of the executor this provider serves (used in error messages). @default undefined */
  readonly executorLabel?: string;
  /** How often the executor should poll `status`, in ms. @default 60000 (Parsl) */
  readonly statusPollingIntervalMs?: number;
}

/** Parsl's per-scheduler defaults. */
export interface ClusterDefaults {
  readonly walltime: string;
  readonly cmdTimeout: number;
  readonly maxBlocks: number;
  readonly initBlocks?: number;
}

/** What a scheduler adapter needs to write its submit files. */
export interface SubmitContext {
  readonly jobName: string;
  /** Directory of the scripts on the scheduler's host. */
  readonly scriptDir: string;
  readonly tasksPerNode: number;
  /** The worker command wrapped by the launcher. */
  readonly userScript: string;
  /** workerInit plus PARSL_CORES / PARSL_MEMORY_GB exports. */
  readonly workerInit: string;
  readonly stdoutPath: string;
  readonly stderrPath: string;
}

/**
 * Base of the batch-scheduler providers: writes the submit script from a template, copies it
 * through the channel, runs the scheduler's submit/status/cancel commands with `cmdTimeout` and
 * translates native states with the scheduler's table. Subclasses supply the scheduler specifics.
 * Parsl: parsl.providers.cluster_provider.ClusterProvider
 */
export abstract class ClusterProvider implements ExecutionProvider {
  public abstract readonly kind: string;
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
  public readonly cmdTimeoutMs: number;
  protected readonly schedulerOptions: string;
  protected readonly jobs = new JobTable();
  private readonly writer: ScriptWriter;
  private submitted = 0;

  protected constructor(
    protected readonly options: ClusterProviderOptions,
    defaults: ClusterDefaults,
    public readonly channel: Channel,
    public readonly launcher: Launcher,
  ) {
    this.nodesPerBlock = options.nodesPerBlock ?? 1;
    this.initBlocks = options.initBlocks ?? defaults.initBlocks ?? 1;
    this.minBlocks = options.minBlocks ?? 0;
    this.maxBlocks = options.maxBlocks ?? defaults.maxBlocks;
    this.parallelism = options.parallelism ?? 1;
    this.walltime = options.walltime ?? defaults.walltime;
    this.workerInit = options.workerInit ?? '';
    this.schedulerOptions = options.schedulerOptions ?? '';
    if (options.coresPerNode !== undefined) this.coresPerNode = options.coresPerNode;
    if (options.memPerNode !== undefined) this.memPerNode = options.memPerNode;
    this.statusPollingIntervalMs = options.statusPollingIntervalMs ?? 60_000;
    this.cmdTimeoutMs = (options.cmdTimeout ?? defaults.cmdTimeout) * 1000;
    this.writer = new ScriptWriter(
      channel,
      options.moveFiles ?? true,
      options.localScriptDir,
      () => this.label,
    );
  }

  /** "SlurmProvider[htex]": the provider and the executor it serves, for messages. */
  public get label(): string {
    const name = this.constructor.name;
    return this.options.executorLabel === undefined
      ? name
      : `${name}[${this.options.executorLabel}]`;
  }

  /** Where this provider sits in the config, for hints: "executors[htex].provider". */
  protected get configPath(): string {
    return this.options.executorLabel === undefined
      ? 'provider'
      : `executors[${this.options.executorLabel}].provider`;
  }

  /** Names of required options that are not set (SchedulerMissingArgs when non-empty). */
  protected missingOptions(): string[] {
    return [];
  }

  /** The files to write for one block; the first is passed to `submitCommand`. */
  protected abstract scriptFiles(ctx: SubmitContext): ScriptFile[];
  /** The command that submits the script at `scriptPath` (a path on the scheduler's host). */
  protected abstract submitCommand(scriptPath: string, ctx: SubmitContext): string;
  /** The job id in the submit command's stdout, or undefined. */
  protected abstract parseJobId(stdout: string): string | undefined;
  /**
   * Queries the scheduler; jobs absent from the result get `missingJobState`. Undefined when the
   * scheduler could not answer (the last known states stay, as in Parsl).
   */
  protected abstract queryStates(
    jobIds: readonly string[],
  ): Promise<Map<string, JobStatus> | undefined>;
  /** The command that cancels `jobIds`. */
  protected abstract cancelCommand(jobIds: readonly string[]): string;
  /** State of a job the scheduler no longer lists. Parsl: COMPLETED */
  protected readonly missingJobState: JobState = 'COMPLETED';

  /** A hint for a failed submit, from the scheduler's error text. */
  protected submitHint(_outcome: CommandOutcome): string {
    return `Check ${this.configPath} (schedulerOptions and the scheduler's message above).`;
  }

  /** Runs a scheduler command through the channel with cmdTimeout. */
  protected async run(command: string): Promise<CommandResult> {
    return await this.channel.executeWait(command, { timeoutMs: this.cmdTimeoutMs });
  }

  public async submit(command: string, tasksPerNode: number, jobName: string): Promise<string> {
    const missing = this.missingOptions();
    if (missing.length > 0) {
      throw new SchedulerMissingArgs(
        missing,
        `${this.label}.submit (set ${missing.map((m) => `${this.configPath}.${m}`).join(', ')})`,
      );
    }
    this.submitted += 1;
    const name = `${jobName}.${Date.now()}.${this.submitted}`;
    const scriptDir = await this.writer.remoteDir();
    const base = `${scriptDir}/${name}`;
    const ctx: SubmitContext = {
      jobName: name,
      scriptDir,
      tasksPerNode,
      userScript: this.launcher.wrap(command, tasksPerNode, this.nodesPerBlock),
      workerInit: this.blockWorkerInit(tasksPerNode),
      stdoutPath: `${base}.submit.stdout`,
      stderrPath: `${base}.submit.stderr`,
    };
    const paths = await this.writer.write(this.scriptFiles(ctx));
    const scriptPath = paths[0] ?? '';
    const submit = this.submitCommand(scriptPath, ctx);
    let result: CommandResult;
    try {
      result = await this.run(submit);
    } catch (error: unknown) {
      if (!(error instanceof ChannelError)) throw error;
      throw new ScaleOutFailed(
        this.label,
        `${submit} could not run on ${this.channel.hostname}: ${error.message}. If the scheduler is slow, raise ${this.configPath}.cmdTimeout.`,
        { cause: error },
      );
    }
    const outcome: CommandOutcome = { command: submit, ...result };
    if (result.exitCode !== 0)
      throw new SubmitException(this.label, name, outcome, this.submitHint(outcome));
    const jobId = this.parseJobId(result.stdout);
    if (jobId === undefined) {
      throw new SubmitException(
        this.label,
        name,
        outcome,
        'The job id could not be read from the output.',
      );
    }
    this.jobs.add({
      jobId,
      jobName: name,
      status: { state: 'PENDING', stdoutPath: ctx.stdoutPath, stderrPath: ctx.stderrPath },
      stdoutPath: ctx.stdoutPath,
      stderrPath: ctx.stderrPath,
    });
    return jobId;
  }

  /** workerInit plus the resource exports Parsl adds. */
  protected blockWorkerInit(tasksPerNode: number): string {
    const lines = [this.workerInit];
    if (this.memPerNode !== undefined) lines.push(`export PARSL_MEMORY_GB=${this.memPerNode}`);
    if (this.coresPerNode !== undefined) {
      lines.push(`export PARSL_CORES=${Math.max(1, Math.floor(this.coresPerNode / tasksPerNode))}`);
    }
    return lines.join('\n');
  }

  public async status(jobIds: readonly string[]): Promise<JobStatus[]> {
    const active = this.jobs.active().filter((id) => jobIds.includes(id));
    if (active.length > 0) {
      let states: Map<string, JobStatus> | undefined;
      try {
        states = await this.queryStates(active);
      } catch (error: unknown) {
        // like Parsl: a failed status query (timeout, dropped connection) leaves the last known states
        if (!(error instanceof ChannelError)) throw error;
      }
      if (states !== undefined) {
        for (const id of active) {
          const status = states.get(id);
          if (status === undefined) this.jobs.set(id, this.missingJobState);
          else this.jobs.set(id, status.state, status);
        }
      }
    }
    return this.jobs.statuses(jobIds);
  }

  public async cancel(jobIds: readonly string[]): Promise<boolean[]> {
    const known = jobIds.filter((id) => this.jobs.get(id) !== undefined);
    if (known.length === 0) return jobIds.map(() => false);
    const result = await this.run(this.cancelCommand(known)).catch(() => undefined);
    const ok = result?.exitCode === 0;
    if (ok) for (const id of known) this.jobs.set(id, 'CANCELLED');
    return jobIds.map((id) => ok && known.includes(id));
  }

  /**
   * Cancels every job that may still run (no block is leaked), removes the local temp dir of
   * submit scripts (not a localScriptDir the user gave), then closes the channel.
   */
  public async close(): Promise<void> {
    const active = this.jobs.active();
    if (active.length > 0) await this.cancel(active);
    await this.writer.close();
    await this.channel.close();
  }
}
