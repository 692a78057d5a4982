import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const RUN_ID = /^\d+$/;

const isDirectory = (path: string): boolean => existsSync(path) && statSync(path).isDirectory();

/** Checkpoint directories of the numbered runs under `runDir`, oldest run first. */
const checkpointDirs = (runDir: string): string[] => {
  const root = resolve(runDir);
  if (!isDirectory(root)) return [];
  return readdirSync(root)
    .filter((name) => RUN_ID.test(name))
    .sort((a, b) => Number(a) - Number(b))
    .map((name) => join(root, name, 'checkpoint'))
    .filter(isDirectory);
};

/**
 * Every checkpoint directory under `runDir` (absolute paths, oldest run first), for
 * `checkpointFiles` in the config: `load({ ..., checkpointFiles: getAllCheckpoints() })`.
 * Runs that never checkpointed are left out; a missing `runDir` gives [].
 * Parsl: parsl.utils.get_all_checkpoints
 */
export const getAllCheckpoints = (runDir = 'runinfo'): string[] => checkpointDirs(runDir);

/**
 * The checkpoint directory of the newest run under `runDir` that has one, as a list of zero or
 * one path. (Parsl looks only at the very newest run and returns [] when it has no checkpoint.)
 * Parsl: parsl.utils.get_last_checkpoint
 */
export const getLastCheckpoint = (runDir = 'runinfo'): string[] => checkpointDirs(runDir).slice(-1);
