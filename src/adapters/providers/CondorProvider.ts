import type { JobState, JobStatus } from '../../domain/job/JobState.js';
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
import { parseCondorQ } from './condor/condorStates.js';
import { condorTemplate } from './condor/condorTemplate.js';

/** Options of {@link CondorProvider}. Parsl: parsl.providers.CondorProvider */
export interface CondorProviderOptions extends ClusterProviderOptions {
  /** Environment of the job (`environment = "…"`). @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** Project charged (`+projectname`). @default '' */
  readonly project?: string;
  /** Condor `requirements` expression. @default '' */
  readonly requirements?: string;
  /** More files or directories to transfer with the job. @default [] */
  readonly transferInputFiles?: readonly string[];
}

/** Condor's quoting inside `environment = "…"`: values in single quotes, quotes doubled. */
const condorEnvValue = (value: string): string =>
  `'${value.replace(/'/g, "''").replace(/"/g, '""')}'`;

const SUBMITTED = /(\d+) job\(s\) submitted to cluster (\d+)\./;

/**
 * Runs blocks as HTCondor jobs: a job script plus a submit description, `condor_submit`,
 * `condor_q -af:jr JobStatus ExitCode` and `condor_rm`. Parsl: parsl.providers.CondorProvider
 */
export class CondorProvider extends ClusterProvider {
  public readonly kind = 'condor';
  protected override readonly missingJobState: JobState = 'COMPLETED';

  public constructor(
    protected override readonly options: CondorProviderOptions,
    channel: Channel,
    launcher: Launcher,
  ) {
    super(options, { walltime: '00:10:00', cmdTimeout: 60, maxBlocks: 10 }, channel, launcher);
  }

  protected scriptFiles(ctx: SubmitContext): ScriptFile[] {
    const o = this.options;
    const lines = [this.schedulerOptions];
    if (this.memPerNode !== undefined) lines.push(`RequestMemory = ${this.memPerNode * 1024}`);
    if (this.coresPerNode !== undefined) lines.push(`RequestCpus = ${this.coresPerNode}`);
    const env = { ...o.environment, JOBNAME: ctx.jobName };
    const jobScript = `${ctx.jobName}.script`;
    const text = renderTemplate(
      condorTemplate,
      {
        job_name: ctx.jobName,
        submit_script_dir: ctx.scriptDir,
        input_files: [`${ctx.scriptDir}/${jobScript}`, ...(o.transferInputFiles ?? [])].join(','),
        nodes: this.nodesPerBlock,
        job_script: jobScript,
        requirements: o.requirements ?? '',
        project: o.project ?? '',
        environment: Object.entries(env)
          .map(([k, v]) => `${k}=${condorEnvValue(v)}`)
          .join(' '),
        scheduler_options: lines.join('\n'),
      },
      this.label,
    );
    return [
      { name: `${ctx.jobName}.submit`, text, mode: 0o644 },
      { name: jobScript, text: `${ctx.workerInit}\n${ctx.userScript}\n` },
    ];
  }

  protected submitCommand(scriptPath: string): string {
    return `condor_submit ${shellQuote(scriptPath)}`;
  }

  protected parseJobId(stdout: string): string | undefined {
    const match = SUBMITTED.exec(stdout);
    return match === null ? undefined : `${match[2]}.0`;
  }

  protected async queryStates(
    jobIds: readonly string[],
  ): Promise<Map<string, JobStatus> | undefined> {
    const result = await this.run(
      `condor_q ${jobIds.map(shellQuote).join(' ')} -af:jr JobStatus ExitCode`,
    );
    return result.exitCode === 0 ? parseCondorQ(result.stdout) : undefined;
  }

  protected cancelCommand(jobIds: readonly string[]): string {
    const ids = jobIds.map(shellQuote).join(' ');
    // condor_rm decides; -forcex only clears jobs stuck in X and fails when the job already left the
    // queue, so its exit code must not turn a successful removal into a failed cancel.
    return `condor_rm ${ids}; rc=$?; condor_rm -forcex ${ids} >/dev/null 2>&1; exit $rc`;
  }
}
