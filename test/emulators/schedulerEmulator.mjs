#!/usr/bin/env node
// Emulates the command-line contract of batch schedulers that are not packaged for Debian
// (Torque, PBS Pro, Cobalt, HTCondor, LSF): the real commands' output formats, exit codes and state
// letters. Submitted scripts really run, as detached process groups, so the provider path is
// exercised end to end. State lives in $PARSL_EMU_DIR (one JSON file per job).
// Usage (through the shims in test/emulators/<scheduler>/): schedulerEmulator.mjs <scheduler> <command> args…
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
import { basename, dirname, join, resolve } from 'node:path';

const [scheduler, command, ...args] = process.argv.slice(2);
const DIR = process.env.PARSL_EMU_DIR ?? `/tmp/parsl-ts-emu-${scheduler}`;
const QUEUES = (process.env.PARSL_EMU_QUEUES ?? 'batch,debug,normal,default').split(',');
const QUEUE_MS = Number(process.env.PARSL_EMU_QUEUE_MS ?? '300');
const USER = process.env.USER ?? 'root';
mkdirSync(join(DIR, 'jobs'), { recursive: true });

const jobFile = (id) => join(DIR, 'jobs', `${id}.json`);
const load = (id) =>
  existsSync(jobFile(id)) ? JSON.parse(readFileSync(jobFile(id), 'utf8')) : undefined;
const save = (job) => {
  const tmp = `${jobFile(job.id)}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(job));
  renameSync(tmp, jobFile(job.id));
};
const allJobs = () =>
  readdirSync(join(DIR, 'jobs'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(DIR, 'jobs', f), 'utf8')))
    .sort((a, b) => a.num - b.num);
const fail = (text, code) => {
  process.stderr.write(`${text}\n`);
  process.exit(code);
};
const nextNumber = () => {
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
const hms = (s) => {
  const m = /^(\d+):(\d+):(\d+)$/.exec(s ?? '');
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : undefined;
};
const directives = (text, prefix) =>
  text
    .split('\n')
    .filter((l) => l.startsWith(prefix))
    .map((l) => l.slice(prefix.length).trim());
const flag = (list, name) => {
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
const flavour = FLAVOURS[scheduler];
if (flavour === undefined) fail(`schedulerEmulator: unknown scheduler ${scheduler}`, 2);

const startJob = (job) => {
  save(job);
  const runner = spawn(process.execPath, [process.argv[1], scheduler, '__run', job.id], {
    detached: true,
    stdio: 'ignore',
    env: process.env,
  });
  runner.unref();
};

const newJob = (fields) => {
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
const run = async (id) => {
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

const cancelJob = (job, state, exitCode) => {
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

// ---- PBS family (Torque, PBS Pro) ---------------------------------------------------------------
const pbsQsub = () => {
  const queue = flag(args, '-q') ?? 'batch';
  const script = resolve(args[args.length - 1] ?? '');
  if (!existsSync(script))
    fail(`qsub: script file cannot be loaded - No such file or directory`, 1);
  if (!QUEUES.includes(queue)) {
    fail(
      scheduler === 'torque'
        ? `qsub: submit error (Unknown queue MSG=cannot locate queue)`
        : `qsub: Unknown queue`,
      scheduler === 'torque' ? 1 : 168,
    );
  }
  const d = directives(readFileSync(script, 'utf8'), '#PBS');
  const name = d.map((x) => /^-N\s+(\S+)/.exec(x)?.[1]).find(Boolean) ?? basename(script);
  const wall = d.map((x) => /walltime=(\S+)/.exec(x)?.[1]).find(Boolean);
  const job = newJob({
    name,
    queue,
    script,
    stdout: d.map((x) => /^-o\s+(\S+)/.exec(x)?.[1]).find(Boolean),
    stderr: d.map((x) => /^-e\s+(\S+)/.exec(x)?.[1]).find(Boolean),
    walltime: hms(wall),
  });
  const nodefile = join(DIR, `${job.id}.nodes`);
  writeFileSync(nodefile, 'localhost\n');
  job.env = {
    PBS_JOBID: job.id,
    PBS_JOBNAME: name,
    PBS_NODEFILE: nodefile,
    PBS_QUEUE: queue,
    PBS_O_WORKDIR: dirname(script),
  };
  startJob(job);
  process.stdout.write(`${job.id}\n`);
};

const torqueQstat = () => {
  const ids = args.filter((a) => !a.startsWith('-'));
  const jobs = ids.length === 0 ? allJobs() : ids.map((id) => load(id) ?? { missing: id });
  let rc = 0;
  const rows = [];
  for (const job of jobs) {
    if (job.missing) {
      process.stderr.write(`qstat: Unknown Job Id Error ${job.missing}\n`);
      rc = 153;
      continue;
    }
    rows.push(
      `${job.id.padEnd(25).slice(0, 25)} ${job.name.slice(0, 16).padEnd(16)} ${job.user.padEnd(15)} 00:00:00 ${job.state} ${job.queue}`,
    );
  }
  if (rows.length > 0) {
    process.stdout.write(
      'Job ID                    Name             User            Time Use S Queue\n',
    );
    process.stdout.write(
      '------------------------- ---------------- --------------- -------- - -----\n',
    );
    process.stdout.write(`${rows.join('\n')}\n`);
  }
  process.exit(rc);
};

const pbsProQstat = () => {
  const history = args.includes('-x');
  const ids = args.filter((a) => !a.startsWith('-') && a !== 'json');
  const out = {
    timestamp: Math.floor(Date.now() / 1000),
    pbs_version: '19.1.3',
    pbs_server: 'emu-pbs',
    Jobs: {},
  };
  let rc = 0;
  for (const id of ids) {
    const job = load(id);
    if (job === undefined) {
      process.stderr.write(`qstat: Unknown Job Id ${id}\n`);
      rc = 35;
      continue;
    }
    if (job.state === 'F' && !history) {
      process.stderr.write(
        `qstat: ${id} Job has finished, use -x or -H to obtain historical job information\n`,
      );
      rc = 35;
      continue;
    }
    out.Jobs[job.id] = {
      Job_Name: job.name,
      Job_Owner: `${job.user}@emu`,
      job_state: job.state,
      queue: job.queue,
      ...(job.exitCode !== undefined ? { Exit_status: job.exitCode } : {}),
    };
  }
  process.stdout.write(`${JSON.stringify(out, null, 4)}\n`);
  process.exit(rc);
};

const pbsQdel = () => {
  let rc = 0;
  for (const id of args.filter((a) => !a.startsWith('-'))) {
    const job = load(id);
    if (job === undefined || ['C', 'F'].includes(job.state)) {
      process.stderr.write(`qdel: Unknown Job Id ${id}\n`);
      rc = scheduler === 'torque' ? 153 : 35;
      continue;
    }
    cancelJob(job, flavour.cancelled, 271);
  }
  process.exit(rc);
};

// ---- Cobalt -------------------------------------------------------------------------------------
const cobaltQsub = () => {
  const queue = flag(args, '-q') ?? 'default';
  if (!QUEUES.includes(queue)) fail(`Queue '${queue}' does not exist`, 1);
  if (flag(args, '-n') === undefined || flag(args, '-t') === undefined)
    fail('qsub: -n and -t are required', 1);
  const script = resolve(args[args.length - 1] ?? '');
  if (!existsSync(script)) fail(`file ${script} not found, or is not a file`, 1);
  const job = newJob({
    name: basename(script),
    queue,
    script,
    nodes: Number(flag(args, '-n')),
    walltime: Number(flag(args, '-t')) * 60,
    stdout: flag(args, '-o') ?? join(dirname(script), 'cobalt.output'),
    stderr: flag(args, '-e') ?? join(dirname(script), 'cobalt.error'),
  });
  const nodefile = join(DIR, `${job.id}.nodes`);
  writeFileSync(nodefile, 'localhost\n');
  job.env = { COBALT_JOBID: job.id, COBALT_NODEFILE: nodefile, COBALT_JOBSIZE: String(job.nodes) };
  startJob(job);
  process.stdout.write(`${job.id}\n`);
};

const cobaltQstat = () => {
  const user = flag(args, '-u');
  const jobs = allJobs().filter((j) => !j.gone && (user === undefined || j.user === user));
  if (jobs.length === 0) process.exit(0);
  process.stdout.write('JobID  User  WallTime  Nodes  State    Location\n');
  process.stdout.write('=======================================================\n');
  for (const j of jobs) {
    const wall = new Date(j.walltime * 1000).toISOString().slice(11, 19);
    process.stdout.write(
      `${j.id}  ${j.user}  ${wall}  ${j.nodes}  ${j.state}  ${j.state === 'running' ? 'emu-node0' : 'None'}\n`,
    );
  }
};

const cobaltQdel = () => {
  const ids = args.filter((a) => !a.startsWith('-'));
  process.stdout.write('      Deleted Jobs\nJobID  User\n=====================\n');
  for (const id of ids) {
    const job = load(id);
    if (job === undefined || job.gone) continue;
    process.stdout.write(`${id}  ${job.user}\n`);
    cancelJob(job, null, 143);
  }
};

// ---- HTCondor -----------------------------------------------------------------------------------
const condorSubmit = () => {
  const file = resolve(args[args.length - 1] ?? '');
  if (!existsSync(file))
    fail(`ERROR: Can't open "${file}"  with flags 00 (No such file or directory)`, 1);
  const desc = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*([+A-Za-z_]+)\s*=\s*(.*)$/.exec(line);
    if (m) desc[m[1].toLowerCase()] = m[2].trim();
  }
  if (!/^\s*queue\b/im.test(readFileSync(file, 'utf8'))) fail('ERROR: no queue statement', 1);
  const env = {};
  for (const m of (desc.environment ?? '')
    .replace(/^"|"$/g, '')
    .matchAll(/(\w+)='((?:[^']|'')*)'/g)) {
    env[m[1]] = m[2].replace(/''/g, "'").replace(/""/g, '"');
  }
  const inputs = (desc.transfer_input_files ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const input of inputs)
    if (!existsSync(input))
      fail(
        `ERROR: Can't open "${input}"  with flags 00 (No such file or directory)\nSubmitting job(s)\nERROR: Failed to queue job.`,
        1,
      );
  const job = newJob({
    name: basename(file),
    queue: 'vanilla',
    script: file,
    program: desc.executable ?? '/bin/bash',
    argv: (desc.arguments ?? '').split(/\s+/).filter(Boolean),
    cwd: inputs[0] !== undefined ? dirname(inputs[0]) : dirname(file),
    stdout: desc.output,
    stderr: desc.error,
    env,
  });
  job.id = `${job.num}.0`;
  job.env._CONDOR_JOB_AD = file;
  startJob(job);
  process.stdout.write(`Submitting job(s).\n1 job(s) submitted to cluster ${job.num}.\n`);
};

const condorQ = () => {
  const afIndex = args.findIndex((a) => a.startsWith('-af'));
  const ids = args.slice(0, afIndex < 0 ? args.length : afIndex).filter((a) => !a.startsWith('-'));
  const attrs = afIndex < 0 ? [] : args.slice(afIndex + 1);
  const withId = afIndex >= 0 && args[afIndex].includes('j');
  const jobs = allJobs().filter(
    (j) => !j.gone && (ids.length === 0 || ids.includes(j.id) || ids.includes(String(j.num))),
  );
  for (const j of jobs) {
    const values = attrs.map((a) =>
      a === 'JobStatus' ? j.state : a === 'ExitCode' ? (j.exitCode ?? 'undefined') : 'undefined',
    );
    process.stdout.write(`${[...(withId ? [j.id] : []), ...values].join(' ')}\n`);
  }
};

const condorRm = () => {
  const force = args.includes('-forcex');
  const ids = args.filter((a) => !a.startsWith('-'));
  let rc = 0;
  for (const id of ids) {
    const job = load(id.includes('.') ? id : `${id}.0`);
    if (job === undefined || job.gone) {
      process.stderr.write(
        `Couldn't find/remove all jobs matching constraint (ClusterId == ${id.split('.')[0]})\n`,
      );
      rc = 1;
      continue;
    }
    if (force) {
      if (job.state !== '3') {
        process.stderr.write(
          `Couldn't find/remove all jobs matching constraint (ClusterId == ${job.num} && JobStatus == 3)\n`,
        );
        rc = 1;
        continue;
      }
      save({ ...job, gone: true });
      process.stdout.write(`All jobs in cluster ${job.num} have been marked for removal\n`);
      continue;
    }
    cancelJob(job, '3', undefined);
    process.stdout.write(`All jobs in cluster ${job.num} have been marked for removal\n`);
  }
  process.exit(rc);
};

// ---- LSF ----------------------------------------------------------------------------------------
const bsub = () => {
  const fromArgs = args[args.length - 1];
  const text = fromArgs !== undefined && existsSync(fromArgs) ? undefined : readFileSync(0, 'utf8');
  // like real LSF: #BSUB lines count only when the script comes on stdin
  const d = text === undefined ? [] : directives(text, '#BSUB');
  const get = (f) => d.map((x) => new RegExp(`^${f}\\s+(\\S+)`).exec(x)?.[1]).find(Boolean);
  const queue = get('-q') ?? 'normal';
  if (!QUEUES.includes(queue)) fail(`${queue}: No such queue. Job not submitted.`, 255);
  const script = join(DIR, `bsub.${Date.now()}.${process.pid}.sh`);
  writeFileSync(script, text ?? readFileSync(fromArgs, 'utf8'), { mode: 0o755 });
  const wall = get('-W');
  const job = newJob({
    name: get('-J') ?? 'NONAME',
    queue,
    script,
    stdout: get('-o'),
    stderr: get('-e'),
    walltime: wall !== undefined ? Number(wall) * 60 : undefined,
  });
  job.env = {
    LSB_JOBID: String(job.num),
    LSB_JOBNAME: job.name,
    LSB_QUEUE: queue,
    LSB_HOSTS: 'localhost',
  };
  startJob(job);
  process.stdout.write(
    `Job <${job.id}> is submitted to ${queue === 'normal' ? 'default ' : ''}queue <${queue}>.\n`,
  );
};

const bjobs = () => {
  const ids = args.filter((a) => !a.startsWith('-'));
  const all = args.includes('-a');
  let rc = 0;
  const rows = [];
  for (const job of ids.length === 0 ? allJobs() : ids.map((id) => load(id) ?? { missing: id })) {
    if (job.missing || (!all && ['DONE', 'EXIT'].includes(job.state))) {
      process.stderr.write(`Job <${job.missing ?? job.id}> is not found\n`);
      rc = 255;
      continue;
    }
    rows.push(
      `${job.id.padEnd(7)} ${job.user.padEnd(7)} ${job.state.padEnd(5)} ${job.queue.padEnd(10)} emu-login   ${job.state === 'RUN' ? 'emu-node0  ' : '           '} ${job.name.slice(0, 10).padEnd(10)} Nov 21 13:00`,
    );
  }
  if (rows.length > 0) {
    process.stdout.write(
      'JOBID   USER    STAT  QUEUE      FROM_HOST   EXEC_HOST   JOB_NAME   SUBMIT_TIME\n',
    );
    process.stdout.write(`${rows.join('\n')}\n`);
  }
  process.exit(rc);
};

const bkill = () => {
  let rc = 0;
  for (const id of args.filter((a) => !a.startsWith('-'))) {
    const job = load(id);
    if (job === undefined) {
      process.stderr.write(`Job <${id}>: No matching job found\n`);
      rc = 255;
      continue;
    }
    if (['DONE', 'EXIT'].includes(job.state)) {
      process.stderr.write(`Job <${id}>: Job has already finished\n`);
      rc = 255;
      continue;
    }
    cancelJob(job, 'EXIT', 130);
    process.stdout.write(`Job <${id}> is being terminated\n`);
  }
  process.exit(rc);
};

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
