import { readFileSync } from 'node:fs';

export const GRID_ENGINE_HOW_TO = 'start it with: sudo scripts/services/gridengine.sh start';

const alive = (pidFile: string): boolean => {
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 0);
    return true;
  } catch {
    return false;
  }
};

/** True when scripts/services/gridengine.sh's qmaster runs. */
export const gridEngineAvailable = alive('/var/spool/gridengine/qmaster/qmaster.pid');
