import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalChannel } from '../../src/adapters/channels/LocalChannel.js';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Schedulers emulated by schedulerEmulator.mjs. */
export type EmulatedScheduler = 'torque' | 'pbspro' | 'cobalt' | 'condor' | 'lsf';

/**
 * A LocalChannel whose PATH starts with the emulator's commands (qsub/qstat/qdel, condor_*, b*)
 * and whose job state lives in a fresh directory.
 */
export const emulatedChannel = (
  scheduler: EmulatedScheduler,
): { channel: LocalChannel; stateDir: string } => {
  const stateDir = mkdtempSync(join(tmpdir(), `emu-${scheduler}-`));
  const channel = new LocalChannel({
    scriptDir: join(stateDir, 'scripts'),
    envs: {
      PATH: `${join(HERE, scheduler)}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
      PARSL_EMU_DIR: join(stateDir, 'state'),
    },
  });
  return { channel, stateDir };
};
