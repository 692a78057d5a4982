import type { JobState, JobStatus } from '../../../domain/job/JobState.js';

/** Every Cobalt job state qstat shows (upper-cased). */
export const COBALT_STATES: Readonly<Record<string, JobState>> = {
  QUEUED: 'PENDING',
  STARTING: 'PENDING',
  RUNNING: 'RUNNING',
  EXITING: 'COMPLETED',
  KILLING: 'CANCELLED',
  USER_HOLD: 'HELD',
  ADMIN_HOLD: 'HELD',
  DEP_HOLD: 'HELD',
  MAXRUN_HOLD: 'HELD',
  DEP_FAIL: 'FAILED',
  DONE: 'COMPLETED',
};

/** Parses `qstat -u $USER` ("JobID User WallTime Nodes State Location", then a ===== line). */
export const parseCobaltQstat = (
  stdout: string,
  jobIds: readonly string[],
): Map<string, JobStatus> => {
  const states = new Map<string, JobStatus>();
  for (const line of stdout.split('\n')) {
    if (line.startsWith('=')) continue;
    const parts = line.trim().toUpperCase().split(/\s+/);
    const id = parts[0];
    const native = parts[4];
    if (id === undefined || native === undefined || id === 'JOBID' || !jobIds.includes(id))
      continue;
    const state = COBALT_STATES[native] ?? 'UNKNOWN';
    states.set(
      id,
      state === 'UNKNOWN' ? { state, message: `unrecognised Cobalt state ${native}` } : { state },
    );
  }
  return states;
};
