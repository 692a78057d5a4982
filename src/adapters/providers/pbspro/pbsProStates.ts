import type { JobState, JobStatus } from '../../../domain/job/JobState.js';

/** Every PBS Pro job state letter (PBS Pro Reference Guide, "Job States"). */
export const PBSPRO_STATES: Readonly<Record<string, JobState>> = {
  B: 'RUNNING', // array job has at least one subjob running
  E: 'COMPLETED', // exiting after having run
  F: 'COMPLETED', // finished (qstat -x); FAILED when Exit_status is non-zero
  H: 'HELD',
  M: 'PENDING', // moved to another server
  Q: 'PENDING',
  R: 'RUNNING',
  S: 'HELD', // suspended
  T: 'PENDING', // being moved
  U: 'HELD', // suspended: workstation busy
  W: 'PENDING', // waiting for its execution time
  X: 'COMPLETED', // subjob finished
};

interface QstatJson {
  readonly Jobs?: Readonly<
    Record<string, { readonly job_state?: string; readonly Exit_status?: number }>
  >;
}

/** Parses `qstat -x -f -F json <ids>`; ids the server shortened are matched by prefix. */
export const parsePbsProQstat = (
  stdout: string,
  jobIds: readonly string[],
): Map<string, JobStatus> => {
  const states = new Map<string, JobStatus>();
  const start = stdout.indexOf('{');
  if (start < 0) return states;
  const parsed = JSON.parse(stdout.slice(start)) as QstatJson;
  for (const [shown, job] of Object.entries(parsed.Jobs ?? {})) {
    const id = jobIds.find((j) => j === shown || j.startsWith(shown) || shown.startsWith(j));
    if (id === undefined) continue;
    const letter = job.job_state ?? '';
    let state = PBSPRO_STATES[letter] ?? 'UNKNOWN';
    const exit = job.Exit_status;
    if (letter === 'F' && exit !== undefined && exit !== 0) state = 'FAILED';
    states.set(id, {
      state,
      ...(exit !== undefined ? { exitCode: exit } : {}),
      ...(state === 'UNKNOWN' ? { message: `unrecognised PBS Pro state ${letter}` } : {}),
    });
  }
  return states;
};
