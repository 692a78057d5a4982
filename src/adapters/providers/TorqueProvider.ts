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
import { parseTorqueQstat } from './torque/torqueStates.js';
import { torqueTemplate } from './torque/torqueTemplate.js';

/** Options of {@link TorqueProvider}. Parsl: parsl.providers.TorqueProvider */
export interface TorqueProviderOptions extends ClusterProviderOptions {
  /** Account charged (`qsub -A`). @default undefined */
  readonly account?: string;
  /** Queue (`qsub -q`). @default undefined (the server's default queue) */
  readonly queue?: string;
}

/**
 * Runs blocks as Torque/PBS jobs: `qsub` to submit, `qstat` for status, `qdel` to cancel.
 * Parsl: parsl.providers.TorqueProvider
 */
export class TorqueProvider extends ClusterProvider {
  public readonly kind: string = 'torque';

  public constructor(
    protected override readonly options: TorqueProviderOptions,
    channel: Channel,
    launcher: Launcher,
  ) {
    super(options, { walltime: '00:20:00', cmdTimeout: 120, maxBlocks: 100 }, channel, launcher);
  }

  protected scriptFiles(ctx: SubmitContext): ScriptFile[] {
    const text = renderTemplate(
      torqueTemplate,
      {
        jobname: ctx.jobName,
        walltime: this.walltime,
        nodes_per_block: this.nodesPerBlock,
        tasks_per_node: ctx.tasksPerNode,
        job_stdout_path: ctx.stdoutPath,
        job_stderr_path: ctx.stderrPath,
        scheduler_options: this.schedulerOptions,
        worker_init: ctx.workerInit,
        user_script: ctx.userScript,
      },
      this.label,
    );
    return [{ name: `${ctx.jobName}.submit`, text }];
  }

  /** `-q queue -A account`, as Parsl passes them. */
  protected queueAndAccount(): string {
    const o = this.options;
    return [
      ...(o.queue !== undefined ? ['-q', shellQuote(o.queue)] : []),
      ...(o.account !== undefined ? ['-A', shellQuote(o.account)] : []),
    ].join(' ');
  }

  protected submitCommand(scriptPath: string): string {
    return ['qsub', this.queueAndAccount(), shellQuote(scriptPath)]
      .filter((p) => p !== '')
      .join(' ');
  }

  protected parseJobId(stdout: string): string | undefined {
    const lines = stdout
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    return lines[lines.length - 1];
  }

  protected async queryStates(
    jobIds: readonly string[],
  ): Promise<Map<string, JobStatus> | undefined> {
    const result = await this.run(`qstat ${jobIds.map(shellQuote).join(' ')}`);
    // qstat exits non-zero when any id is unknown (finished and purged) but still lists the others
    if (result.exitCode !== 0 && !/Unknown Job Id/i.test(result.stderr)) return undefined;
    return parseTorqueQstat(result.stdout, jobIds);
  }

  protected cancelCommand(jobIds: readonly string[]): string {
    return `qdel ${jobIds.map(shellQuote).join(' ')}`;
  }
}
