// Shared state and job lifecycle of the scheduler emulator (see ../schedulerEmulator.mjs).
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';

import { dirname, join } from 'node:path';

export const [scheduler, command, ...args] = process.argv.slice(2);
export const DIR = process.env.PARSL_EMU_DIR ?? `/tmp/parsl-ts-emu-${scheduler}`;
export const QUEUES = (process.env.PARSL_EMU_QUEUES ?? 'batch,debug,normal,default').split(',');
export const QUEUE_MS = Number(process.env.PARSL_EMU_QUEUE_MS ?? '300');
export const USER = process.env.USER ?? 'root';
mkdirSync(join(DIR, 'jobs'), { recursive: true });

const jobFile = (id) => join(DIR, 'jobs', `${id}.json`);
export const load = (id) =>
  existsSync(jobFile(id)) ? JSON.parse(readFileSync(jobFile(id), 'utf8')) : undefined;
export const save = (job) => {
  const tmp = `${jobFile(job.id)}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(job));
  renameSync(tmp, jobFile(job.id));
};
export const allJobs = () =>
  readdirSync(join(DIR, 'jobs'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(DIR, 'jobs', f), 'utf8')))
    .sort((a, b) => a.num - b.num);
export const fail = (text, code) => {
  process.stderr.write(`${text}\n`);
  process.exit(code);
};
export const nextNumber = () => {
  mkdirSync(join(DIR, 'ids'), { recursive: true });
  for (let n = readdirSync(join(DIR, 'ids')).length + 1; ; n += 1) {
    try {
      openSync(join(DIR, 'ids', String(n)), 'wx');
      return n;
    } catch {
      // taken by a concurrent submit; try the next one
    }
  }
};
export const hms = (s) => {
  const m = /^(\d+):(\d+):(\d+)$/.exec(s ?? '');
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : undefined;
};
export const directives = (text, prefix) =>
  text
    .split('\n')
    .filter((l) => l.startsWith(prefix))
    .map((l) => l.slice(prefix.length).trim());
export const flag = (list, name) => {
  const i = list.indexOf(name);
  return i >= 0 ? list[i + 1] : undefined;
};

// The scheduler-specific pieces: native state names and what submit reads from the script.
const FLAVOURS = {
  torque: {
    queued: 'Q',
    running: 'R',
    done: 'C',
    failed: 'C',
    cancelled: 'C',
    timeout: 'C',
    suffix: '.emu-server',
  },
  pbspro: {
    queued: 'Q',
    running: 'R',
    done: 'F',
    failed: 'F',
    cancelled: 'F',
    timeout: 'F',
    suffix: '.emu-pbs',
  },
  cobalt: {
    queued: 'queued',
    running: 'running',
    done: null,
    failed: null,
    cancelled: null,
    timeout: null,
    suffix: '',
  },
  condor: {
    queued: '1',
    running: '2',
    done: '4',
    failed: '4',
    cancelled: '3',
    timeout: '3',
    suffix: '',
  },
  lsf: {
    queued: 'PEND',
    running: 'RUN',
    done: 'DONE',
    failed: 'EXIT',
    cancelled: 'EXIT',
    timeout: 'EXIT',
    suffix: '',
  },
};
export const flavour = FLAVOURS[scheduler];
if (flavour === undefined) fail(`schedulerEmulator: unknown scheduler ${scheduler}`, 2);

export const startJob = (job) => {
  save(job);
  const runner = spawn(process.execPath, [process.argv[1], scheduler, '__run', job.id], {
    detached: true,
    stdio: 'ignore',
    env: process.env,
  });
  runner.unref();
};

export const newJob = (fields) => {
  const num = nextNumber();
  return {
    num,
    id: `${num}${flavour.suffix}`,
    user: USER,
    state: flavour.queued,
    submitted: Date.now(),
    cancelled: false,
    env: {},
    ...fields,
  };
};

// ---- runner: queued -> running -> done/failed/timeout -------------------------------------------
export const run = async (id) => {
  await new Promise((r) => setTimeout(r, QUEUE_MS));
  let job = load(id);
  if (job === undefined || job.cancelled) return;
  const out = openSync(job.stdout ?? '/dev/null', 'a');
  const err = openSync(job.stderr ?? '/dev/null', 'a');
  const child = spawn(job.program ?? 'bash', job.argv ?? [job.script], {
    cwd: job.cwd ?? dirname(job.script),
    detached: true,
    stdio: ['ignore', out, err],
    env: { ...process.env, ...job.env },
  });
  job = { ...load(id), state: flavour.running, pgid: child.pid, started: Date.now() };
  save(job);
  let timedOut = false;
  const timer =
    job.walltime === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {}
        }, job.walltime * 1000);
  const code = await new Promise((r) => child.on('exit', (c, s) => r(c ?? (s ? 128 + 9 : -1))));
  if (timer) clearTimeout(timer);
  const latest = load(id);
  if (latest === undefined) return;
  if (latest.cancelled) return;
  const state = timedOut ? flavour.timeout : code === 0 ? flavour.done : flavour.failed;
  if (state === null) {
    save({ ...latest, exitCode: code, gone: true, state: 'exiting' });
    return;
  }
  save({ ...latest, state, exitCode: timedOut ? 271 : code, finished: Date.now() });
};

export const cancelJob = (job, state, exitCode) => {
  try {
    if (job.pgid) process.kill(-job.pgid, 'SIGKILL');
  } catch {}
  save({
    ...job,
    cancelled: true,
    state,
    exitCode,
    finished: Date.now(),
    ...(state === null ? { gone: true } : {}),
  });
};
