import { SchedulerMissingArgs } from '../../domain/errors/ProviderErrors.js';
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
import { parseBjobs } from './lsf/lsfStates.js';
import { lsfTemplate } from './lsf/lsfTemplate.js';

/** Options of {@link LsfProvider}. Parsl: parsl.providers.LSFProvider */
export interface LsfProviderOptions extends ClusterProviderOptions {
  /** Project charged (`#BSUB -P`). @default undefined */
  readonly project?: string;
  /** Queue (`#BSUB -q`). @default undefined */
  readonly queue?: string;
  /** Request whole nodes (`-nnodes`) rather than cores (`-n` + `span[ptile]`). @default true */
  readonly requestByNodes?: boolean;
  /** Cores per block when requestByNodes is false. @default undefined */
  readonly coresPerBlock?: number;
  /**
   * Submit with `bsub < script`, so LSF reads the #BSUB lines (it ignores them in `bsub script`).
   * @default true
   */
  readonly bsubRedirection?: boolean;
}

const SUBMITTED = /Job <(\d+)> is submitted/i;

/**
 * Runs blocks as LSF jobs (e.g. Summit): `bsub < script`, `bjobs -a`, `bkill`.
 * Parsl: parsl.providers.LSFProvider
 */
export class LsfProvider extends ClusterProvider {
  public readonly kind = 'lsf';

  public constructor(
    protected override readonly options: LsfProviderOptions,
    channel: Channel,
    launcher: Launcher,
  ) {
    super(options, { walltime: '00:10:00', cmdTimeout: 120, maxBlocks: 10 }, channel, launcher);
  }

  protected override missingOptions(): string[] {
    if (this.options.requestByNodes ?? true) return [];
    return [
      ...(this.options.coresPerBlock === undefined ? ['coresPerBlock'] : []),
      ...(this.coresPerNode === undefined ? ['coresPerNode'] : []),
    ];
  }

  private directives(): string {
    const o = this.options;
    const lines = [this.schedulerOptions];
    if (o.project !== undefined) lines.push(`#BSUB -P ${o.project}`);
    if (o.queue !== undefined) lines.push(`#BSUB -q ${o.queue}`);
    if (o.requestByNodes ?? true) lines.push(`#BSUB -nnodes ${this.nodesPerBlock}`);
    else {
      if (o.coresPerBlock === undefined || this.coresPerNode === undefined) {
        throw new SchedulerMissingArgs(['coresPerBlock', 'coresPerNode'], this.label);
      }
      lines.push(`#BSUB -n ${o.coresPerBlock}`, `#BSUB -R "span[ptile=${this.coresPerNode}]"`);
    }
    return lines.join('\n');
  }

  protected scriptFiles(ctx: SubmitContext): ScriptFile[] {
    const text = renderTemplate(
      lsfTemplate,
      {
        jobname: ctx.jobName,
        submit_script_dir: ctx.scriptDir,
        walltime: walltimeMinutes(this.walltime),
        scheduler_options: this.directives(),
        worker_init: ctx.workerInit,
        user_script: ctx.userScript,
      },
      this.label,
    );
    return [{ name: `${ctx.jobName}.submit`, text }];
  }

  protected submitCommand(scriptPath: string): string {
    return (this.options.bsubRedirection ?? true)
      ? `bsub < ${shellQuote(scriptPath)}`
      : `bsub ${shellQuote(scriptPath)}`;
  }

  protected parseJobId(stdout: string): string | undefined {
    return SUBMITTED.exec(stdout)?.[1];
  }

  protected async queryStates(
    jobIds: readonly string[],
  ): Promise<Map<string, JobStatus> | undefined> {
    const result = await this.run(`bjobs -a ${jobIds.map(shellQuote).join(' ')}`);
    // bjobs exits 255 when some id is not found but still lists the others
    if (result.exitCode !== 0 && !/is not found/i.test(result.stderr)) return undefined;
    return parseBjobs(result.stdout, jobIds);
  }

  protected cancelCommand(jobIds: readonly string[]): string {
    return `bkill ${jobIds.map(shellQuote).join(' ')}`;
  }
}
