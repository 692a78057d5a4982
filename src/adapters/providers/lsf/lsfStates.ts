import type { JobState, JobStatus } from '../../../domain/job/JobState.js';

/** Every LSF job state (bjobs(1) "STAT"). */
export const LSF_STATES: Readonly<Record<string, JobState>> = {
  PEND: 'PENDING',
  PROV: 'PENDING', // resources being provisioned
  WAIT: 'PENDING', // chunk job waiting
  RUN: 'RUNNING',
  PSUSP: 'HELD', // suspended while pending
  USUSP: 'HELD', // suspended by the user
  SSUSP: 'HELD', // suspended by the system
  DONE: 'COMPLETED',
  EXIT: 'FAILED',
  ZOMBI: 'FAILED', // killed while its host was unreachable
  UNKWN: 'UNKNOWN',
};

/** Parses `bjobs -a <ids>` ("JOBID USER STAT QUEUE FROM_HOST EXEC_HOST JOB_NAME SUBMIT_TIME"). */
export const parseBjobs = (stdout: string, jobIds: readonly string[]): Map<string, JobStatus> => {
  const states = new Map<string, JobStatus>();
  for (const line of stdout.split('\n')) {
    const parts = line.trim().split(/\s+/);
    const id = parts[0];
    const native = parts[2];
    if (id === undefined || native === undefined || id === 'JOBID' || !jobIds.includes(id))
      continue;
    const state = LSF_STATES[native] ?? 'UNKNOWN';
    states.set(id, state === 'UNKNOWN' ? { state, message: `LSF state ${native}` } : { state });
  }
  return states;
};
