#!/usr/bin/env node
import { cobaltQdel, cobaltQstat, cobaltQsub } from './lib/cobalt.mjs';
// Emulates the command-line contract of batch schedulers that are not packaged for Debian
// (Torque, PBS Pro, Cobalt, HTCondor, LSF): the real commands' output formats, exit codes and state
// letters. Submitted scripts really run, as detached process groups, so the provider path is
// exercised end to end. State lives in $PARSL_EMU_DIR (one JSON file per job).
// Usage (through the shims in test/emulators/<scheduler>/): schedulerEmulator.mjs <scheduler> <command> args…
import { args, command, fail, run, scheduler } from './lib/common.mjs';
import { condorQ, condorRm, condorSubmit } from './lib/condor.mjs';
import { bjobs, bkill, bsub } from './lib/lsf.mjs';
import { pbsProQstat, pbsQdel, pbsQsub, torqueQstat } from './lib/pbs.mjs';

const COMMANDS = {
  torque: { qsub: pbsQsub, qstat: torqueQstat, qdel: pbsQdel },
  pbspro: { qsub: pbsQsub, qstat: pbsProQstat, qdel: pbsQdel },
  cobalt: { qsub: cobaltQsub, qstat: cobaltQstat, qdel: cobaltQdel },
  condor: { condor_submit: condorSubmit, condor_q: condorQ, condor_rm: condorRm },
  lsf: { bsub, bjobs, bkill },
};

if (command === '__run') await run(args[0]);
else {
  const fn = COMMANDS[scheduler]?.[command];
  if (fn === undefined) fail(`schedulerEmulator: ${scheduler} has no command ${command}`, 2);
  fn();
}
