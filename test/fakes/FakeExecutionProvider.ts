import type { JobState, JobStatus } from '../../src/domain/job/JobState.js';
import type { BlockParameters, ExecutionProvider } from '../../src/ports/ExecutionProvider.js';

/** How a scripted block behaves: the states its successive status polls report (the last sticks). */
export interface FakeBlockScript {
  readonly states: readonly JobState[];
  readonly exitCode?: number;
}

interface FakeJob {
  readonly id: string;
  readonly command: string;
  readonly script: FakeBlockScript;
  polls: number;
  override: JobStatus | undefined;
  cancelled: boolean;
}

/**
 * An ExecutionProvider whose blocks are scripted by command (`whenSubmit`) or by a default
 * script; tests can also force a job's status (`setStatus`) or make submits fail (`failSubmits`).
 * Records submits, status calls and cancels; unscripted commands throw.
 */
export class FakeExecutionProvider implements ExecutionProvider {
  public readonly kind = 'fake';
  public readonly submitted: {
    command: string;
    tasksPerNode: number;
    jobName: string;
    jobId: string;
  }[] = [];
  public readonly statusCalls: (readonly string[])[] = [];
  public readonly cancelled: (readonly string[])[] = [];
  public closed = false;
  public readonly nodesPerBlock: number;
  public readonly initBlocks: number;
  public readonly minBlocks: number;
  public readonly maxBlocks: number;
  public readonly parallelism: number;
  public readonly walltime: string;
  public readonly workerInit: string;
  public readonly statusPollingIntervalMs: number;
  private readonly jobs = new Map<string, FakeJob>();
  private readonly scripts: { match: string | RegExp; script: FakeBlockScript }[] = [];
  private submitError: Error | undefined;
  private next = 1;

  public constructor(
    params: Partial<BlockParameters> & {
      statusPollingIntervalMs?: number;
      defaultScript?: FakeBlockScript;
    } = {},
  ) {
    this.nodesPerBlock = params.nodesPerBlock ?? 1;
    this.initBlocks = params.initBlocks ?? 1;
    this.minBlocks = params.minBlocks ?? 0;
    this.maxBlocks = params.maxBlocks ?? 1;
    this.parallelism = params.parallelism ?? 1;
    this.walltime = params.walltime ?? '00:10:00';
    this.workerInit = params.workerInit ?? '';
    this.statusPollingIntervalMs = params.statusPollingIntervalMs ?? 1_000;
    if (params.defaultScript !== undefined)
      this.scripts.push({ match: /.*/s, script: params.defaultScript });
  }

  /** Blocks whose command equals / matches `match` behave as `script` (checked before older scripts). */
  public whenSubmit(match: string | RegExp, script: FakeBlockScript): this {
    this.scripts.unshift({ match, script });
    return this;
  }

  /** Makes every following submit throw `error` (undefined: stop failing). */
  public failSubmits(error: Error | undefined): this {
    this.submitError = error;
    return this;
  }

  /** Forces what `status` reports for a job from now on. */
  public setStatus(jobId: string, status: JobStatus): void {
    const job = this.jobs.get(jobId);
    if (job === undefined) throw new Error(`FakeExecutionProvider.setStatus: unknown job ${jobId}`);
    job.override = status;
  }

  public get jobIds(): string[] {
    return [...this.jobs.keys()];
  }

  public async submit(command: string, tasksPerNode: number, jobName: string): Promise<string> {
    if (this.submitError !== undefined) throw this.submitError;
    const script = this.scripts.find((s) =>
      typeof s.match === 'string' ? s.match === command : s.match.test(command),
    )?.script;
    if (script === undefined)
      throw new Error(`FakeExecutionProvider.submit: not scripted: ${command}`);
    const id = `fake-${this.next++}`;
    this.jobs.set(id, { id, command, script, polls: 0, override: undefined, cancelled: false });
    this.submitted.push({ command, tasksPerNode, jobName, jobId: id });
    return id;
  }

  public async status(jobIds: readonly string[]): Promise<JobStatus[]> {
    this.statusCalls.push([...jobIds]);
    return jobIds.map((id) => {
      const job = this.jobs.get(id);
      if (job === undefined) return { state: 'UNKNOWN', message: `unknown job ${id}` };
      if (job.cancelled) return { state: 'CANCELLED' };
      if (job.override !== undefined) return job.override;
      const states = job.script.states;
      const state = states[Math.min(job.polls, states.length - 1)] ?? 'UNKNOWN';
      job.polls += 1;
      const exit = job.script.exitCode;
      return exit !== undefined && (state === 'COMPLETED' || state === 'FAILED')
        ? { state, exitCode: exit }
        : { state };
    });
  }

  public async cancel(jobIds: readonly string[]): Promise<boolean[]> {
    this.cancelled.push([...jobIds]);
    return jobIds.map((id) => {
      const job = this.jobs.get(id);
      if (job === undefined) return false;
      job.cancelled = true;
      return true;
    });
  }

  public async close(): Promise<void> {
    this.closed = true;
  }
}
