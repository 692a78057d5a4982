import type { JobState } from '../../../domain/job/JobState.js';

/**
 * Every Slurm job state, by squeue's compact code and by the long name sacct/scontrol print
 * (Slurm 22.05 squeue(1) "JOB STATE CODES").
 */
export const SLURM_STATES: Readonly<Record<string, readonly [long: string, state: JobState]>> = {
  BF: ['BOOT_FAIL', 'FAILED'],
  CA: ['CANCELLED', 'CANCELLED'],
  CD: ['COMPLETED', 'COMPLETED'],
  CF: ['CONFIGURING', 'PENDING'],
  CG: ['COMPLETING', 'RUNNING'],
  DL: ['DEADLINE', 'TIMEOUT'],
  F: ['FAILED', 'FAILED'],
  NF: ['NODE_FAIL', 'FAILED'],
  OOM: ['OUT_OF_MEMORY', 'FAILED'],
  PD: ['PENDING', 'PENDING'],
  PR: ['PREEMPTED', 'FAILED'],
  R: ['RUNNING', 'RUNNING'],
  RD: ['RESV_DEL_HOLD', 'HELD'],
  RF: ['REQUEUE_FED', 'PENDING'],
  RH: ['REQUEUE_HOLD', 'HELD'],
  RQ: ['REQUEUED', 'PENDING'],
  RS: ['RESIZING', 'RUNNING'],
  RV: ['REVOKED', 'FAILED'],
  SI: ['SIGNALING', 'RUNNING'],
  SE: ['SPECIAL_EXIT', 'FAILED'],
  SO: ['STAGE_OUT', 'RUNNING'],
  ST: ['STOPPED', 'HELD'],
  S: ['SUSPENDED', 'HELD'],
  TO: ['TIMEOUT', 'TIMEOUT'],
};

const BY_LONG: ReadonlyMap<string, JobState> = new Map(
  Object.values(SLURM_STATES).map(([long, state]) => [long, state]),
);

/** Translates a compact code ("PD") or a long name ("CANCELLED by 0") to a job state. */
export const translateSlurmState = (native: string): JobState => {
  const code = SLURM_STATES[native];
  if (code !== undefined) return code[1];
  const long = native.split(/[\s+]/)[0] ?? '';
  return BY_LONG.get(long) ?? 'UNKNOWN';
};
