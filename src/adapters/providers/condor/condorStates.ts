import type { JobState, JobStatus } from '../../../domain/job/JobState.js';

/** Every HTCondor JobStatus code (the ClassAd attribute). */
export const CONDOR_STATES: Readonly<Record<string, JobState>> = {
  '0': 'PENDING', // Unexpanded
  '1': 'PENDING', // Idle
  '2': 'RUNNING', // Running
  '3': 'CANCELLED', // Removed
  '4': 'COMPLETED', // Completed
  '5': 'HELD', // Held
  '6': 'RUNNING', // Transferring Output
  '7': 'HELD', // Suspended
};

/** Parses `condor_q <ids> -af:jr JobStatus ExitCode`: "<cluster.proc> <status> <exit|undefined>". */
export const parseCondorQ = (stdout: string): Map<string, JobStatus> => {
  const states = new Map<string, JobStatus>();
  for (const line of stdout.split('\n')) {
    const [id, code, exit] = line.trim().split(/\s+/);
    if (id === undefined || id === '' || code === undefined) continue;
    let state = CONDOR_STATES[code] ?? 'UNKNOWN';
    const exitCode = Number(exit);
    if (state === 'COMPLETED' && Number.isInteger(exitCode) && exitCode !== 0) state = 'FAILED';
    states.set(id, {
      state,
      ...(Number.isInteger(exitCode) ? { exitCode } : {}),
      ...(state === 'UNKNOWN' ? { message: `unrecognised HTCondor JobStatus ${code}` } : {}),
    });
  }
  return states;
};
