import { describe, expect, it } from 'vitest';
import { SimpleLauncher } from '../../../src/adapters/launchers/SimpleLauncher.js';
import {
  SlurmProvider,
  type SlurmProviderOptions,
} from '../../../src/adapters/providers/SlurmProvider.js';
import {
  SLURM_STATES,
  translateSlurmState,
} from '../../../src/adapters/providers/slurm/slurmStateTable.js';
import {
  ScaleOutFailed,
  SchedulerMissingArgs,
  SubmitException,
} from '../../../src/domain/errors/ProviderErrors.js';
import { FakeChannel } from '../../fakes/FakeChannel.js';
import { submitAndRead } from './cluster/submittedScript.js';

const make = (
  options: Partial<SlurmProviderOptions> = {},
  channel = new FakeChannel(),
): [SlurmProvider, FakeChannel] => [
  new SlurmProvider(
    { partition: 'debug', executorLabel: 'htex', ...options },
    channel,
    new SimpleLauncher(),
  ),
  channel,
];

describe(SlurmProvider.name, () => {
  describe('.submit (parsl test_slurm_template: test_submit_script_basic)', () => {
    it('returns the id sbatch printed and records the output paths', async () => {
      const [provider, channel] = make();
      channel.whenExecute(/^sbatch /, { stdout: 'Submitted batch job 55123\n' });
      const id = await provider.submit('test', 1, 'parsl.slurm');
      expect(id).toBe('55123');
      channel.whenExecute(/^sacct /, { stdout: '55123|PENDING|0:0\n' });
      const [status] = await provider.status([id]);
      expect(status?.stdoutPath).toMatch(/^\/fake\/scripts\/parsl\.slurm\.\d+\.1\.submit\.stdout$/);
      expect(status?.stderrPath).toMatch(/\.submit\.stderr$/);
    });

    it('writes the submit script from the template (golden)', async () => {
      const [provider, channel] = make({
        account: 'acct',
        qos: 'high',
        constraint: 'knl',
        memPerNode: 8,
        coresPerNode: 4,
        schedulerOptions: '#SBATCH --gres=gpu:1',
        workerInit: 'module load node',
        nodesPerBlock: 2,
        walltime: '01:30:00',
      });
      channel.whenExecute(/^sbatch /, { stdout: 'Submitted batch job 7\n' });
      expect(await submitAndRead(provider, channel)).toBe(`#!/bin/bash

#SBATCH --job-name=parsl.test.<ts>
#SBATCH --output=/fake/scripts/parsl.test.<ts>.submit.stdout
#SBATCH --error=/fake/scripts/parsl.test.<ts>.submit.stderr
#SBATCH --nodes=2
#SBATCH --time=90
#SBATCH --ntasks-per-node=2
#SBATCH --gres=gpu:1
#SBATCH --exclusive
#SBATCH --partition=debug
#SBATCH --account=acct
#SBATCH --qos=high
#SBATCH --constraint=knl
#SBATCH --mem=8g
#SBATCH --cpus-per-task=2

export SLURM_JOB_STDOUT="\${SLURM_JOB_STDOUT:-/fake/scripts/parsl.test.<ts>.submit.stdout}"
module load node
export PARSL_MEMORY_GB=8
export PARSL_CORES=2

export JOBNAME="parsl.test.<ts>"

start-workers
`);
      expect(channel.executed.at(-1)?.command).toMatch(
        /^sbatch \/fake\/scripts\/parsl\.test\.\d+\.1\.submit$/,
      );
    });

    it('omits --exclusive when exclusive is false', async () => {
      const [provider, channel] = make({ exclusive: false });
      channel.whenExecute(/^sbatch /, { stdout: 'Submitted batch job 8\n' });
      expect(await submitAndRead(provider, channel)).not.toContain('--exclusive');
    });

    it('throws SchedulerMissingArgs naming the config path when partition is missing', async () => {
      const provider = new SlurmProvider(
        { executorLabel: 'htex' },
        new FakeChannel(),
        new SimpleLauncher(),
      );
      const error = await provider.submit('x', 1, 'j').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SchedulerMissingArgs);
      expect(String(error)).toContain('executors[htex].provider.partition');
    });

    it('throws SubmitException with command, exit code and both streams', async () => {
      const [provider, channel] = make({ partition: 'dbg' });
      channel.whenExecute(/^sbatch /, {
        exitCode: 1,
        stdout: '',
        stderr: 'sbatch: error: invalid partition specified: dbg\n',
      });
      const error = await provider.submit('x', 1, 'j').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SubmitException);
      expect((error as SubmitException).outcome).toMatchObject({
        exitCode: 1,
        stderr: 'sbatch: error: invalid partition specified: dbg\n',
      });
      expect(String(error)).toMatch(
        /^SubmitException.*SlurmProvider\[htex\]\.submit: sbatch .* exited with code 1.*Check executors\[htex\]\.provider\.partition \("dbg"\)/,
      );
    });

    it('throws SubmitException when no job id can be read', async () => {
      const [provider, channel] = make();
      channel.whenExecute(/^sbatch /, { stdout: 'something else\n' });
      await expect(provider.submit('x', 1, 'j')).rejects.toThrow(/job id could not be read/);
    });

    it('throws ScaleOutFailed suggesting cmdTimeout when sbatch is too slow', async () => {
      const [provider, channel] = make({ cmdTimeout: 0.05 });
      channel.whenExecute(/^sbatch /, { stdout: 'Submitted batch job 9\n', delayMs: 1_000 });
      const error = await provider.submit('x', 1, 'j').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ScaleOutFailed);
      expect(String(error)).toContain('executors[htex].provider.cmdTimeout');
    });
  });

  describe('.status', () => {
    const submitted = async (ids: readonly string[]): Promise<[SlurmProvider, FakeChannel]> => {
      const [provider, channel] = make();
      let n = 0;
      channel.whenExecute(/^sbatch /, () => ({
        stdout: `Submitted batch job ${ids[n++] ?? 'x'}\n`,
      }));
      for (const _ of ids) await provider.submit('x', 1, 'j');
      return [provider, channel];
    };

    it('uses sacct when accounting works', async () => {
      const [provider, channel] = await submitted(['1', '2']);
      channel.whenExecute(/^sacct /, { stdout: '1|RUNNING|0:0\n2|CANCELLED by 0|0:15\n' });
      expect((await provider.status(['1', '2'])).map((s) => s.state)).toEqual([
        'RUNNING',
        'CANCELLED',
      ]);
    });

    it('falls back to squeue -t all when accounting is disabled, and stays there', async () => {
      const [provider, channel] = await submitted(['1', '2', '3']);
      channel
        .whenExecute(/^sacct /, { exitCode: 1, stderr: 'Slurm accounting storage is disabled\n' })
        .whenExecute(/^squeue /, { stdout: '1 PD\n2 R\n' });
      expect((await provider.status(['1', '2', '3'])).map((s) => s.state)).toEqual([
        'PENDING',
        'RUNNING',
        'COMPLETED',
      ]);
      await provider.status(['1']);
      expect(channel.executed.filter((e) => e.command.startsWith('sacct')).length).toBe(1);
      expect(channel.executed.at(-1)?.command).toBe(
        "squeue --noheader --states=all --format='%i %t' --job 1",
      );
    });

    it('reads the exit code of a failed block from scontrol', async () => {
      const [provider, channel] = await submitted(['4']);
      channel
        .whenExecute(/^sacct /, { exitCode: 1 })
        .whenExecute(/^squeue /, { stdout: '4 F\n' })
        .whenExecute(/^scontrol /, {
          stdout: 'JobId=4 JobName=x JobState=FAILED Reason=NonZeroExitCode ExitCode=3:0\n',
        });
      expect(await provider.status(['4'])).toMatchObject([{ state: 'FAILED', exitCode: 3 }]);
    });

    it('treats "Invalid job id" (purged) as finished', async () => {
      const [provider, channel] = await submitted(['5']);
      channel.whenExecute(/^sacct /, { exitCode: 1 }).whenExecute(/^squeue /, {
        exitCode: 1,
        stderr: 'slurm_load_jobs error: Invalid job id specified\n',
      });
      expect((await provider.status(['5']))[0]?.state).toBe('COMPLETED');
    });

    it('keeps the last state when squeue fails otherwise', async () => {
      const [provider, channel] = await submitted(['6']);
      channel.whenExecute(/^sacct /, { exitCode: 1 }).whenExecute(/^squeue /, {
        exitCode: 1,
        stderr: 'slurm_load_jobs error: Unable to contact slurm controller\n',
      });
      expect((await provider.status(['6']))[0]?.state).toBe('PENDING');
    });
  });

  describe('.cancel', () => {
    it('is all false when scancel fails', async () => {
      const [provider, channel] = make();
      channel
        .whenExecute(/^sbatch /, { stdout: 'Submitted batch job 11\n' })
        .whenExecute(/^scancel /, { exitCode: 1 });
      const id = await provider.submit('x', 1, 'j');
      expect(await provider.cancel([id, 'unknown'])).toEqual([false, false]);
    });
  });

  describe('state table', () => {
    it.each(Object.entries(SLURM_STATES))(
      'maps %s (%s) by code and by long name',
      (code, [long, state]) => {
        expect([translateSlurmState(code), translateSlurmState(long)]).toEqual([state, state]);
      },
    );
    it('is UNKNOWN for anything else', () => {
      expect(translateSlurmState('XX')).toBe('UNKNOWN');
    });
  });
});
