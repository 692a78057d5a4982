import type { JobStatus } from '../../domain/job/JobState.js';
import type { Channel } from '../../ports/Channel.js';
import type { Launcher } from '../../ports/Launcher.js';
import type { SubmitContext } from './ClusterProvider.js';
import { renderTemplate } from './cluster/renderTemplate.js';
import type { ScriptFile } from './cluster/ScriptWriter.js';
import { shellQuote } from './cluster/shellQuote.js';
import { parsePbsProQstat } from './pbspro/pbsProStates.js';
import { pbsProTemplate } from './pbspro/pbsProTemplate.js';
import { TorqueProvider, type TorqueProviderOptions } from './TorqueProvider.js';

/** Options of {@link PbsProProvider}. Parsl: parsl.providers.PBSProProvider */
export interface PbsProProviderOptions extends TorqueProviderOptions {
  /** CPUs per node (`select=N:ncpus=C`). @default 1 */
  readonly cpusPerNode?: number;
  /** Appended to the select statement, e.g. `ngpus=1`. @default '' */
  readonly selectOptions?: string;
}

/**
 * Runs blocks as PBS Pro jobs: `qsub`, `qstat -x -f -F json` (finished jobs too, with their exit
 * status) and `qdel`. Parsl: parsl.providers.PBSProProvider
 */
export class PbsProProvider extends TorqueProvider {
  public override readonly kind = 'pbspro';

  public constructor(
    protected override readonly options: PbsProProviderOptions,
    channel: Channel,
    launcher: Launcher,
  ) {
    super(options, channel, launcher);
  }

  protected override scriptFiles(ctx: SubmitContext): ScriptFile[] {
    const select = this.options.selectOptions ?? '';
    const text = renderTemplate(
      pbsProTemplate,
      {
        jobname: ctx.jobName,
        walltime: this.walltime,
        nodes_per_block: this.nodesPerBlock,
        ncpus: this.options.cpusPerNode ?? 1,
        select_options: select === '' || select.startsWith(':') ? select : `:${select}`,
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

  protected override async queryStates(
    jobIds: readonly string[],
  ): Promise<Map<string, JobStatus> | undefined> {
    const result = await this.run(`qstat -x -f -F json ${jobIds.map(shellQuote).join(' ')}`);
    if (result.exitCode !== 0 && !/Unknown Job Id/i.test(result.stderr)) return undefined;
    try {
      return parsePbsProQstat(result.stdout, jobIds);
    } catch {
      return undefined;
    }
  }
}
