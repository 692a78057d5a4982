import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** Partition scripts/services/slurm.sh creates. */
export const SLURM_PARTITION = process.env['PARSL_SLURM_PARTITION'] ?? 'debug';
export const SLURM_HOW_TO = 'start it with: sudo scripts/services/slurm.sh start';

const alive = (pidFile: string): boolean => {
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 0);
    return true;
  } catch {
    return false;
  }
};

/** True when slurmctld and slurmd run and sbatch is on PATH. */
export const slurmAvailable =
  existsSync('/usr/bin/sbatch') &&
  alive('/run/slurm/slurmctld.pid') &&
  alive('/run/slurm/slurmd.pid');

/** Jobs among `ids` that squeue still lists as pending or running. */
export const liveSlurmJobs = (ids: readonly string[]): string[] => {
  if (ids.length === 0) return [];
  const out = execFileSync('squeue', ['-h', '-t', 'PD,R,CG,CF', '-o', '%i', '-j', ids.join(',')], {
    encoding: 'utf8',
  });
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
};

/** Waits until `check` returns true or `timeoutMs` passes. */
export const waitFor = async (
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
};
