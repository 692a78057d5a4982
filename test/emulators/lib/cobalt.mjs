// Cobalt commands of the scheduler emulator (see ../schedulerEmulator.mjs).
import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  allJobs,
  args,
  cancelJob,
  DIR,
  fail,
  flag,
  load,
  newJob,
  QUEUES,
  startJob,
} from './common.mjs';

export const cobaltQsub = () => {
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

export const cobaltQstat = () => {
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

export const cobaltQdel = () => {
  const ids = args.filter((a) => !a.startsWith('-'));
  process.stdout.write('      Deleted Jobs\nJobID  User\n=====================\n');
  for (const id of ids) {
    const job = load(id);
    if (job === undefined || job.gone) continue;
    process.stdout.write(`${id}  ${job.user}\n`);
    cancelJob(job, null, 143);
  }
};
