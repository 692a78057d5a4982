import type { JobState, JobStatus } from '../../../domain/job/JobState.js';

/** Every Torque job state letter (qstat(1B) "job_state"). */
export const TORQUE_STATES: Readonly<Record<string, JobState>> = {
  C: 'COMPLETED', // completed after having run
  E: 'COMPLETED', // exiting after having run (Parsl treats it as done)
  H: 'HELD',
  Q: 'PENDING',
  R: 'RUNNING',
  T: 'PENDING', // being moved to a new location
  W: 'PENDING', // waiting for its execution time (-a)
  S: 'HELD', // suspended
  B: 'RUNNING', // array job begun
};

/**
 * Parses default `qstat <ids>` output ("Job ID  Name  User  Time Use S Queue" then dashes). qstat
 * may truncate long ids, so each row is matched to the id it prefixes.
 */
export const parseTorqueQstat = (
  stdout: string,
  jobIds: readonly string[],
): Map<string, JobStatus> => {
  const states = new Map<string, JobStatus>();
  for (const line of stdout.split('\n')) {
    const parts = line.trim().split(/\s+/);
    const shown = parts[0];
    const letter = parts[4];
    if (
      shown === undefined ||
      letter === undefined ||
      /^job/i.test(shown) ||
      shown.startsWith('---')
    )
      continue;
    const id = jobIds.find((j) => j === shown || j.startsWith(shown.replace(/\.+$/, '')));
    if (id === undefined) continue;
    const state = TORQUE_STATES[letter] ?? 'UNKNOWN';
    states.set(
      id,
      state === 'UNKNOWN' ? { state, message: `unrecognised Torque state ${letter}` } : { state },
    );
  }
  return states;
};
