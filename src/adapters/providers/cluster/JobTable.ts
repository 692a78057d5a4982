import { isTerminalJobState, type JobState, type JobStatus } from '../../../domain/job/JobState.js';

/** What a provider remembers about a job it submitted. */
export interface TrackedJob {
  readonly jobId: string;
  readonly jobName: string;
  status: JobStatus;
  readonly stdoutPath?: string;
  readonly stderrPath?: string;
}

/** The jobs a provider submitted, keyed by scheduler job id. Parsl: ClusterProvider.resources */
export class JobTable {
  private readonly jobs = new Map<string, TrackedJob>();

  public add(job: TrackedJob): void {
    this.jobs.set(job.jobId, job);
  }

  public get(jobId: string): TrackedJob | undefined {
    return this.jobs.get(jobId);
  }

  /** Sets a job's state, keeping its output paths. */
  public set(jobId: string, state: JobState, extra: Partial<JobStatus> = {}): void {
    const job = this.jobs.get(jobId);
    if (job === undefined) return;
    job.status = {
      ...extra,
      state,
      ...(job.stdoutPath !== undefined ? { stdoutPath: job.stdoutPath } : {}),
      ...(job.stderrPath !== undefined ? { stderrPath: job.stderrPath } : {}),
    };
  }

  /** Ids of jobs that may still change state. */
  public active(): string[] {
    return [...this.jobs.values()]
      .filter((j) => !isTerminalJobState(j.status.state))
      .map((j) => j.jobId);
  }

  /** Status of each id, UNKNOWN for ids this provider never submitted. */
  public statuses(jobIds: readonly string[]): JobStatus[] {
    return jobIds.map(
      (id) =>
        this.jobs.get(id)?.status ?? {
          state: 'UNKNOWN',
          message: `job ${id} was not submitted by this provider`,
        },
    );
  }

  public get size(): number {
    return this.jobs.size;
  }
}
