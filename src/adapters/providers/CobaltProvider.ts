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
import { parseCobaltQstat } from './cobalt/cobaltStates.js';
import { cobaltTemplate } from './cobalt/cobaltTemplate.js';

/** Options of {@link CobaltProvider}. Parsl: parsl.providers.CobaltProvider */
export interface CobaltProviderOptions extends ClusterProviderOptions {
  /** Allocation charged (`qsub -A`). @default undefined */
  readonly account?: string;
  /** Queue (`qsub -q`). @default undefined */
  readonly queue?: string;
}

/**
 * Runs blocks as Cobalt jobs (ALCF): `qsub -n N -t MIN`, `qstat -u $USER`, `qdel`.
 * Parsl: parsl.providers.CobaltProvider
 */
export class CobaltProvider extends ClusterProvider {
  public readonly kind = 'cobalt';

  public constructor(
    protected override readonly options: CobaltProviderOptions,
    channel: Channel,
    launcher: Launcher,
  ) {
    super(
      options,
      { walltime: '00:10:00', cmdTimeout: 10, maxBlocks: 10, initBlocks: 0 },
      channel,
      launcher,
    );
  }

  protected scriptFiles(ctx: SubmitContext): ScriptFile[] {
    const text = renderTemplate(
      cobaltTemplate,
      {
        jobname: ctx.jobName,
        scheduler_options: this.schedulerOptions,
        worker_init: ctx.workerInit,
        user_script: ctx.userScript,
      },
      this.label,
    );
    return [{ name: `${ctx.jobName}.submit`, text }];
  }

  protected submitCommand(scriptPath: string, ctx: SubmitContext): string {
    const o = this.options;
    return [
      'qsub',
      '-n',
      String(this.nodesPerBlock),
      ...(o.queue !== undefined ? ['-q', shellQuote(o.queue)] : []),
      '-t',
      String(walltimeMinutes(this.walltime)),
      ...(o.account !== undefined ? ['-A', shellQuote(o.account)] : []),
      '-o',
      shellQuote(ctx.stdoutPath),
      '-e',
      shellQuote(ctx.stderrPath),
      shellQuote(scriptPath),
    ].join(' ');
  }

  protected parseJobId(stdout: string): string | undefined {
    return stdout
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^\d+$/.test(l))
      .pop();
  }

  protected override submitHint(outcome: CommandOutcome): string {
    if (/queue/i.test(outcome.stderr))
      return `Check ${this.configPath}.queue (${JSON.stringify(this.options.queue)}).`;
    if (/project|account|allocation/i.test(outcome.stderr)) {
      return `Check ${this.configPath}.account (${JSON.stringify(this.options.account)}).`;
    }
    return super.submitHint(outcome);
  }

  protected async queryStates(
    jobIds: readonly string[],
  ): Promise<Map<string, JobStatus> | undefined> {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, run remotely
    const result = await this.run('qstat -u "${USER:-$(id -un)}"');
    return result.exitCode === 0 ? parseCobaltQstat(result.stdout, jobIds) : undefined;
  }

  protected cancelCommand(jobIds: readonly string[]): string {
    return `qdel ${jobIds.map(shellQuote).join(' ')}`;
  }
}
