import { describe, expect, it } from 'vitest';
import { SimpleLauncher } from '../../../src/adapters/launchers/SimpleLauncher.js';
import { CobaltProvider } from '../../../src/adapters/providers/CobaltProvider.js';
import { CondorProvider } from '../../../src/adapters/providers/CondorProvider.js';
import { GridEngineProvider } from '../../../src/adapters/providers/GridEngineProvider.js';
import { LsfProvider } from '../../../src/adapters/providers/LsfProvider.js';
import { PbsProProvider } from '../../../src/adapters/providers/PbsProProvider.js';
import { TorqueProvider } from '../../../src/adapters/providers/TorqueProvider.js';
import { FakeChannel } from '../../fakes/FakeChannel.js';
import { pushedFiles, submitAndRead } from './cluster/submittedScript.js';

const launcher = new SimpleLauncher();
const common = {
  executorLabel: 'htex',
  workerInit: 'module load node',
  schedulerOptions: '#X extra',
  nodesPerBlock: 2,
  walltime: '00:30:00',
};

describe('generated submit scripts (golden)', () => {
  it(`${TorqueProvider.name}: #PBS nodes=N:ppn=T and qsub -q -A`, async () => {
    const channel = new FakeChannel().whenExecute(/^qsub /, { stdout: '12.server\n' });
    const provider = new TorqueProvider(
      { ...common, queue: 'batch', account: 'acct' },
      channel,
      launcher,
    );
    expect(await submitAndRead(provider, channel)).toBe(`#!/bin/bash

#PBS -S /bin/bash
#PBS -N parsl.test.<ts>
#PBS -m n
#PBS -l walltime=00:30:00
#PBS -l nodes=2:ppn=2
#PBS -o /fake/scripts/parsl.test.<ts>.submit.stdout
#PBS -e /fake/scripts/parsl.test.<ts>.submit.stderr
#X extra

module load node

export JOBNAME="parsl.test.<ts>"

start-workers
`);
    expect(channel.executed.at(-1)?.command).toMatch(
      /^qsub -q batch -A acct \/fake\/scripts\/parsl\.test\.\d+\.1\.submit$/,
    );
  });

  it(`${PbsProProvider.name}: select=N:ncpus=C:options`, async () => {
    const channel = new FakeChannel().whenExecute(/^qsub /, { stdout: '13.pbs\n' });
    const provider = new PbsProProvider(
      { ...common, cpusPerNode: 36, selectOptions: 'ngpus=1' },
      channel,
      launcher,
    );
    expect(await submitAndRead(provider, channel)).toContain('#PBS -l select=2:ncpus=36:ngpus=1\n');
  });

  it(`${CobaltProvider.name}: script plus qsub -n -t minutes`, async () => {
    const channel = new FakeChannel().whenExecute(/^qsub /, { stdout: '4242\n' });
    const provider = new CobaltProvider(
      { ...common, queue: 'debug-cache-quad', account: 'proj' },
      channel,
      launcher,
    );
    expect(await submitAndRead(provider, channel)).toBe(`#!/bin/bash -el
#X extra

module load node

echo "Starting Cobalt job script"

echo "----Cobalt Nodefile: -----"
cat $COBALT_NODEFILE
echo "--------------------------"

export JOBNAME="parsl.test.<ts>"

start-workers

echo "End of Cobalt job"
`);
    expect(channel.executed.at(-1)?.command).toMatch(
      /^qsub -n 2 -q debug-cache-quad -t 30 -A proj -o \S+\.submit\.stdout -e \S+\.submit\.stderr \S+\.submit$/,
    );
  });

  it(`${CondorProvider.name}: submit description plus job script`, async () => {
    const channel = new FakeChannel().whenExecute(/^condor_submit /, {
      stdout: 'Submitting job(s).\n1 job(s) submitted to cluster 118907.\n',
    });
    const provider = new CondorProvider(
      {
        ...common,
        environment: { A: "it's" },
        requirements: 'Arch == "X86_64"',
        project: 'p',
        coresPerNode: 4,
        memPerNode: 2,
      },
      channel,
      launcher,
    );
    expect(await provider.submit('start-workers', 1, 'parsl.test')).toBe('118907.0');
    const files = pushedFiles(channel);
    expect(files.get('/fake/scripts/parsl.test.<ts>.submit')).toBe(`
universe                = vanilla
should_transfer_files   = YES
when_to_transfer_output = ON_EXIT_OR_EVICT
Transfer_Executable     = false
transfer_input_files    = /fake/scripts/parsl.test.<ts>.script
machine_count           = 2
output                  = /fake/scripts/parsl.test.<ts>.stdout
error                   = /fake/scripts/parsl.test.<ts>.stderr
log                     = /fake/scripts/parsl.test.<ts>.log
executable              = /bin/bash
arguments               = parsl.test.<ts>.script
requirements            = Arch == "X86_64"
+projectname            = p
leave_in_queue          = TRUE
environment             = "A='it''s' JOBNAME='parsl.test.<ts>'"
#X extra
RequestMemory = 2048
RequestCpus = 4

queue

`);
    expect(files.get('/fake/scripts/parsl.test.<ts>.script')).toBe(
      'module load node\nexport PARSL_MEMORY_GB=2\nexport PARSL_CORES=4\nstart-workers\n',
    );
  });

  it(`${GridEngineProvider.name}: #$ lines with h_rt as HH:MM:SS`, async () => {
    const channel = new FakeChannel().whenExecute(/^qsub -terse /, { stdout: '77\n' });
    const provider = new GridEngineProvider({ ...common, queue: 'all.q' }, channel, launcher);
    expect(await submitAndRead(provider, channel)).toBe(`#!/bin/bash
#$ -S /bin/bash
#$ -o /fake/scripts/parsl.test.<ts>.submit.stdout
#$ -e /fake/scripts/parsl.test.<ts>.submit.stderr
#$ -cwd
#$ -l h_rt=00:30:00
#X extra
#$ -q all.q

module load node

export JOBNAME="parsl.test.<ts>"

start-workers
`);
  });

  it(`${LsfProvider.name}: #BSUB lines and bsub < script`, async () => {
    const channel = new FakeChannel().whenExecute(/^bsub /, {
      stdout: 'Job <1234> is submitted to default queue <normal>.\n',
    });
    const provider = new LsfProvider(
      { ...common, project: 'CSC123', queue: 'batch' },
      channel,
      launcher,
    );
    expect(await submitAndRead(provider, channel)).toBe(`#!/bin/bash

#BSUB -W 30
#BSUB -J parsl.test.<ts>
#BSUB -o /fake/scripts/parsl.test.<ts>.submit.stdout
#BSUB -e /fake/scripts/parsl.test.<ts>.submit.stderr
#X extra
#BSUB -P CSC123
#BSUB -q batch
#BSUB -nnodes 2

module load node

export JOBNAME="parsl.test.<ts>"

start-workers
`);
    expect(channel.executed.at(-1)?.command).toMatch(/^bsub < \/fake\/scripts\/\S+\.submit$/);
  });

  it(`${LsfProvider.name}: requestByNodes false needs coresPerBlock and coresPerNode`, async () => {
    const provider = new LsfProvider(
      { executorLabel: 'htex', requestByNodes: false },
      new FakeChannel(),
      launcher,
    );
    await expect(provider.submit('x', 1, 'j')).rejects.toThrow(/coresPerBlock, coresPerNode/);
  });
});
