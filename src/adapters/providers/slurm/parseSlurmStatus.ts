import type { JobStatus } from '../../../domain/job/JobState.js';
import { translateSlurmState } from './slurmStateTable.js';

/** Parses `squeue --noheader --format='%i %t'` output: "<id> <code>" per line. */
export const parseSqueue = (stdout: string): Map<string, JobStatus> => {
  const states = new Map<string, JobStatus>();
  for (const line of stdout.split('\n')) {
    const [id, code] = line.trim().split(/\s+/);
    if (id === undefined || id === '' || code === undefined) continue;
    const state = translateSlurmState(code);
    states.set(
      id,
      state === 'UNKNOWN' ? { state, message: `unrecognised Slurm state ${code}` } : { state },
    );
  }
  return states;
};

/** Parses `sacct -X -n -P -o JobID,State,ExitCode`: "<id>|<STATE>|<exit>:<signal>" per line. */
export const parseSacct = (stdout: string): Map<string, JobStatus> => {
  const states = new Map<string, JobStatus>();
  for (const line of stdout.split('\n')) {
    const [id, native, exit] = line.trim().split('|');
    if (id === undefined || id === '' || native === undefined) continue;
    const state = translateSlurmState(native);
    const exitCode = Number(exit?.split(':')[0]);
    states.set(id, {
      state,
      ...(Number.isFinite(exitCode) && exit !== undefined ? { exitCode } : {}),
      ...(state === 'UNKNOWN' ? { message: `unrecognised Slurm state ${native}` } : {}),
    });
  }
  return states;
};
