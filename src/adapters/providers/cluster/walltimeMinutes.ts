import { parseWalltime } from '../../../domain/job/parseWalltime.js';

/** "HH:MM:SS" to whole minutes, rounded up, at least 1. Parsl: parsl.utils.wtime_to_minutes */
export const walltimeMinutes = (walltime: string): number =>
  Math.max(1, Math.ceil(parseWalltime(walltime) / 60));
