// LSF commands of the scheduler emulator (see ../schedulerEmulator.mjs).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  allJobs,
  args,
  cancelJob,
  DIR,
  directives,
  fail,
  load,
  newJob,
  QUEUES,
  startJob,
} from './common.mjs';

export const bsub = () => {
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

export const bjobs = () => {
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

export const bkill = () => {
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
