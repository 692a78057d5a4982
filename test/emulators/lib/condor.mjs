// HTCondor commands of the scheduler emulator (see ../schedulerEmulator.mjs).
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { allJobs, args, cancelJob, fail, load, newJob, save, startJob } from './common.mjs';

export const condorSubmit = () => {
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

export const condorQ = () => {
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

export const condorRm = () => {
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
