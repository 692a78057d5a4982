import type { CommandOutcome } from '../../domain/errors/ProviderErrors.js';
import type { JobStatus } from '../../domain/job/JobState.js';
import type { Channel } from '../../ports/Channel.js';
import type { Launcher } from '../../ports/Launcher.js';
import {
  ClusterProvider,
  type ClusterProviderOptions,
  type SubmitContext,
} from './ClusterProvider.js';
import { renderTemplate } from './cluster/renderTemplate.js';
import type { ScriptFile } from './cluster/ScriptWriter.js';
import { shellQuote } from './cluster/shellQuote.js';
import { walltimeMinutes } from './cluster/walltimeMinutes.js';
import { parseSacct, parseSqueue } from './slurm/parseSlurmStatus.js';
import { slurmTemplate } from './slurm/slurmTemplate.js';

/** Options of {@link SlurmProvider}. Parsl: parsl.providers.SlurmProvider */
export interface SlurmProviderOptions extends ClusterProviderOptions {
  /** Slurm partition (`#SBATCH --partition`). Required, as in Parsl 0.9. */
  readonly partition?: string;
  /** Account charged (`#SBATCH --account`). @default undefined (the user's default) */
  readonly account?: string;
  /** Quality of service (`#SBATCH --qos`). @default undefined */
  readonly qos?: string;
  /** Node feature constraint (`#SBATCH --constraint`). @default undefined */
  readonly constraint?: string;
  /** Ask for nodes no other job shares (`#SBATCH --exclusive`). @default true */
  readonly exclusive?: boolean;
}

const SUBMITTED = /Submitted batch job (\S+)/;

/**
 * Runs blocks as Slurm batch jobs: `sbatch` to submit, `sacct` (or `squeue -t all` where
 * accounting is off) for status and `scancel` to cancel.
 * Parsl: parsl.providers.SlurmProvider
 */
export class SlurmProvider extends ClusterProvider {
  public readonly kind = 'slurm';
  private useSacct = true;

  public constructor(
    protected override readonly options: SlurmProviderOptions,
    channel: Channel,
    launcher: Launcher,
  ) {
    super(options, { walltime: '00:10:00', cmdTimeout: 10, maxBlocks: 10 }, channel, launcher);
  }

  protected override missingOptions(): string[] {
    return this.options.partition === undefined || this.options.partition === ''
      ? ['partition']
      : [];
  }

  /** The `#SBATCH` lines for the options (Parsl order). */
  private directives(tasksPerNode: number): string {
    const o = this.options;
    const lines = [this.schedulerOptions];
    if (o.exclusive ?? true) lines.push('#SBATCH --exclusive');
    if (o.partition !== undefined) lines.push(`#SBATCH --partition=${o.partition}`);
    if (o.account !== undefined) lines.push(`#SBATCH --account=${o.account}`);
    if (o.qos !== undefined) lines.push(`#SBATCH --qos=${o.qos}`);
    if (o.constraint !== undefined) lines.push(`#SBATCH --constraint=${o.constraint}`);
    if (this.memPerNode !== undefined) lines.push(`#SBATCH --mem=${this.memPerNode}g`);
    if (this.coresPerNode !== undefined) {
      lines.push(
        `#SBATCH --cpus-per-task=${Math.max(1, Math.floor(this.coresPerNode / tasksPerNode))}`,
      );
    }
    return lines.join('\n');
  }

  protected scriptFiles(ctx: SubmitContext): ScriptFile[] {
    const text = renderTemplate(
      slurmTemplate,
      {
        jobname: ctx.jobName,
        submit_script_dir: ctx.scriptDir,
        nodes: this.nodesPerBlock,
        walltime: walltimeMinutes(this.walltime),
        tasks_per_node: ctx.tasksPerNode,
        scheduler_options: this.directives(ctx.tasksPerNode),
        // Slurm < 23.02 does not set SLURM_JOB_STDOUT, which SrunLauncher uses to place its command file
        worker_init: `export SLURM_JOB_STDOUT="\${SLURM_JOB_STDOUT:-${ctx.stdoutPath}}"\n${ctx.workerInit}`,
        user_script: ctx.userScript,
      },
      this.label,
    );
    return [{ name: `${ctx.jobName}.submit`, text }];
  }

  protected submitCommand(scriptPath: string): string {
    return `sbatch ${shellQuote(scriptPath)}`;
  }

  protected parseJobId(stdout: string): string | undefined {
    return SUBMITTED.exec(stdout)?.[1];
  }

  protected override submitHint(outcome: CommandOutcome): string {
    const text = `${outcome.stderr}\n${outcome.stdout}`;
    const host = this.channel.hostname;
    if (/invalid partition/i.test(text)) {
      return `Check ${this.configPath}.partition (${JSON.stringify(this.options.partition)}): \`sinfo -h -o %P\` on ${host} lists the partitions.`;
    }
    if (/invalid account/i.test(text))
      return `Check ${this.configPath}.account (${JSON.stringify(this.options.account)}).`;
    if (/invalid qos/i.test(text))
      return `Check ${this.configPath}.qos (${JSON.stringify(this.options.qos)}).`;
    if (/time limit/i.test(text))
      return `Check ${this.configPath}.walltime (${this.walltime}) against the partition's MaxTime.`;
    if (/node configuration is not available|memory specification/i.test(text)) {
      return `Check ${this.configPath}.nodesPerBlock, coresPerNode and memPerNode against the partition's nodes (\`sinfo -N -l\`).`;
    }
    return super.submitHint(outcome);
  }

  protected async queryStates(
    jobIds: readonly string[],
  ): Promise<Map<string, JobStatus> | undefined> {
    const list = shellQuote(jobIds.join(','));
    if (this.useSacct) {
      const sacct = await this.run(`sacct -X -n -P -o JobID,State,ExitCode -j ${list}`);
      if (sacct.exitCode === 0) return parseSacct(sacct.stdout);
      // e.g. "Slurm accounting storage is disabled": squeue -t all still shows finished jobs for MinJobAge
      this.useSacct = false;
    }
    const squeue = await this.run(`squeue --noheader --states=all --format='%i %t' --job ${list}`);
    if (squeue.exitCode !== 0 && /Invalid job id/i.test(squeue.stderr)) return new Map();
    if (squeue.exitCode !== 0) return undefined;
    const states = parseSqueue(squeue.stdout);
    await this.addExitCodes(states);
    return states;
  }

  /** squeue has no exit codes: ask scontrol for the blocks that just ended badly. */
  private async addExitCodes(states: Map<string, JobStatus>): Promise<void> {
    for (const [id, status] of states) {
      if (status.state !== 'FAILED' && status.state !== 'TIMEOUT') continue;
      const shown = await this.run(`scontrol show job -o ${shellQuote(id)}`);
      const exit = /\bExitCode=(\d+):(\d+)/.exec(shown.stdout);
      if (exit !== null) {
        const code = Number(exit[1]) !== 0 ? Number(exit[1]) : 128 + Number(exit[2]);
        states.set(id, { ...status, exitCode: code });
      }
    }
  }

  protected cancelCommand(jobIds: readonly string[]): string {
    return `scancel ${jobIds.map(shellQuote).join(' ')}`;
  }
}
