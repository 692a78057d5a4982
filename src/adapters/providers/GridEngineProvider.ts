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
import { parseGridEngineQstat } from './gridEngine/gridEngineStates.js';
import { gridEngineTemplate } from './gridEngine/gridEngineTemplate.js';

/** Options of {@link GridEngineProvider}. Parsl: parsl.providers.GridEngineProvider */
export interface GridEngineProviderOptions extends ClusterProviderOptions {
  /** Queue (`#$ -q`). @default undefined */
  readonly queue?: string;
}

/**
 * Runs blocks as (Son of) Grid Engine jobs: `qsub -terse`, `qstat`, `qdel`.
 * Parsl: parsl.providers.GridEngineProvider
 */
export class GridEngineProvider extends ClusterProvider {
  public readonly kind = 'grid-engine';

  public constructor(
    protected override readonly options: GridEngineProviderOptions,
    channel: Channel,
    launcher: Launcher,
  ) {
    super(options, { walltime: '00:10:00', cmdTimeout: 10, maxBlocks: 10 }, channel, launcher);
  }

  protected scriptFiles(ctx: SubmitContext): ScriptFile[] {
    const lines = [this.schedulerOptions];
    if (this.options.queue !== undefined) lines.push(`#$ -q ${this.options.queue}`);
    const text = renderTemplate(
      gridEngineTemplate,
      {
        jobname: ctx.jobName,
        submit_script_dir: ctx.scriptDir,
        walltime: this.walltime,
        scheduler_options: lines.join('\n'),
        worker_init: ctx.workerInit,
        user_script: ctx.userScript,
      },
      this.label,
    );
    return [{ name: `${ctx.jobName}.submit`, text }];
  }

  protected submitCommand(scriptPath: string, ctx: SubmitContext): string {
    return `qsub -terse -N ${shellQuote(ctx.jobName.replace(/^[^A-Za-z]/, 'p'))} ${shellQuote(scriptPath)}`;
  }

  protected parseJobId(stdout: string): string | undefined {
    const line = stdout
      .split('\n')
      .map((l) => l.trim())
      .find((l) => /^\d+/.test(l));
    return line?.split('.')[0];
  }

  protected async queryStates(
    jobIds: readonly string[],
  ): Promise<Map<string, JobStatus> | undefined> {
    const result = await this.run('qstat');
    return result.exitCode === 0 ? parseGridEngineQstat(result.stdout, jobIds) : undefined;
  }

  protected cancelCommand(jobIds: readonly string[]): string {
    return `qdel ${jobIds.map(shellQuote).join(' ')}`;
  }
}
