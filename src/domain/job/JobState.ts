/**
 * The state of a block's job as a provider reports it. Schedulers' native states are translated
 * into these by each provider's table.
 * Parsl: parsl.jobs.states.JobState
 */
export const JobState = {
  unknown: 'UNKNOWN',
  pending: 'PENDING',
  running: 'RUNNING',
  cancelled: 'CANCELLED',
  completed: 'COMPLETED',
  failed: 'FAILED',
  timeout: 'TIMEOUT',
  held: 'HELD',
  missing: 'MISSING',
  scaledIn: 'SCALED_IN',
} as const;
export type JobState = (typeof JobState)[keyof typeof JobState];

const TERMINAL: ReadonlySet<JobState> = new Set<JobState>([
  'CANCELLED',
  'COMPLETED',
  'FAILED',
  'TIMEOUT',
  'MISSING',
  'SCALED_IN',
]);

/** True when the job will not run again. */
export const isTerminalJobState = (state: JobState): boolean => TERMINAL.has(state);

/** A job's state plus what the provider could say about it. Parsl: parsl.jobs.states.JobStatus */
export interface JobStatus {
  readonly state: JobState;
  readonly message?: string;
  readonly exitCode?: number;
  readonly stdoutPath?: string;
  readonly stderrPath?: string;
}
