// Torque and PBS Pro commands of the scheduler emulator (see ../schedulerEmulator.mjs).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  allJobs,
  args,
  cancelJob,
  DIR,
  directives,
  fail,
  flag,
  flavour,
  hms,
  load,
  newJob,
  QUEUES,
  scheduler,
  startJob,
} from './common.mjs';

export const pbsQsub = () => {
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

export const torqueQstat = () => {
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

export const pbsProQstat = () => {
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

export const pbsQdel = () => {
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
