import type { JobState, JobStatus } from '../../../domain/job/JobState.js';

/**
 * Grid Engine job states are letter combinations (qstat(1) "state"): d deletion, E error,
 * h hold, r running, R restarted, s/S/T suspended, t transferring, q queued, w waiting.
 * The most significant letter wins, in this order.
 */
export const translateGridEngineState = (native: string): JobState => {
  if (native.includes('E')) return 'FAILED';
  if (native.includes('d')) return 'CANCELLED';
  if (native.includes('h')) return 'HELD';
  if (/[sST]/.test(native)) return 'HELD';
  if (/[rt]/.test(native)) return 'RUNNING';
  if (/[qw]/.test(native)) return 'PENDING';
  return 'UNKNOWN';
};

/** The states Son of Grid Engine documents, for tests and docs. */
export const GRID_ENGINE_STATES = [
  'qw',
  'hqw',
  'hRwq',
  'r',
  't',
  'Rr',
  'Rt',
  's',
  'ts',
  'S',
  'tS',
  'T',
  'tT',
  'Rs',
  'Rts',
  'RS',
  'RtS',
  'RT',
  'RtT',
  'Eqw',
  'Ehqw',
  'EhRqw',
  'dr',
  'dt',
  'dRr',
  'dRt',
  'ds',
  'dS',
  'dT',
  'dRs',
  'dRS',
  'dRT',
] as const;

/** Parses default `qstat` output ("job-ID prior name user state submit/start at queue …"). */
export const parseGridEngineQstat = (
  stdout: string,
  jobIds: readonly string[],
): Map<string, JobStatus> => {
  const states = new Map<string, JobStatus>();
  for (const line of stdout.split('\n')) {
    const parts = line.trim().split(/\s+/);
    const id = parts[0];
    const native = parts[4];
    if (id === undefined || native === undefined || !jobIds.includes(id)) continue;
    const state = translateGridEngineState(native);
    states.set(
      id,
      state === 'UNKNOWN'
        ? { state, message: `unrecognised Grid Engine state ${native}` }
        : { state },
    );
  }
  return states;
};
