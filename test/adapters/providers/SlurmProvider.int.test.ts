import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalChannel } from '../../../src/adapters/channels/LocalChannel.js';
import { SshChannel } from '../../../src/adapters/channels/SshChannel.js';
import { SingleNodeLauncher } from '../../../src/adapters/launchers/SingleNodeLauncher.js';
import {
  SlurmProvider,
  type SlurmProviderOptions,
} from '../../../src/adapters/providers/SlurmProvider.js';
import {
  ScaleOutFailed,
  SchedulerMissingArgs,
  ScriptPathError,
  SubmitException,
} from '../../../src/domain/errors/ProviderErrors.js';
import type { JobState } from '../../../src/domain/job/JobState.js';
import type { Channel } from '../../../src/ports/Channel.js';
import { describeExecutionProviderContract } from '../../contract/executionProviderContract.js';
import { describeWithService } from '../../support/describeWithService.js';
import {
  liveSlurmJobs,
  SLURM_HOW_TO,
  SLURM_PARTITION,
  slurmAvailable,
  waitFor,
} from '../../support/slurmService.js';
import {
  rootSshOptions,
  SSHD_HOST,
  SSHD_KNOWN_HOSTS,
  SSHD_OTHER_KEY,
  SSHD_PASSWORD,
  SSHD_PASSWORD_USER,
  SSHD_PORT,
  sshdAvailable,
} from '../../support/sshdService.js';

const submitted: string[] = [];
const providers: SlurmProvider[] = [];

const makeProvider = (
  options: Partial<SlurmProviderOptions> = {},
  channel: Channel = new LocalChannel({ scriptDir: mkdtempSync(join(tmpdir(), 'slurm-scripts-')) }),
): SlurmProvider => {
  const provider = new SlurmProvider(
    {
      partition: SLURM_PARTITION,
      exclusive: false,
      executorLabel: 'htex',
      cmdTimeout: 30,
      ...options,
    },
    channel,
    new SingleNodeLauncher({ debug: false }),
  );
  providers.push(provider);
  return provider;
};

const submit = async (provider: SlurmProvider, command: string): Promise<string> => {
  const id = await provider.submit(command, 1, 'parsl.test');
  submitted.push(id);
  return id;
};

const waitForState = async (
  provider: SlurmProvider,
  id: string,
  states: readonly JobState[],
): Promise<JobState> => {
  let last: JobState = 'UNKNOWN';
  await waitFor(
    async () => {
      last = (await provider.status([id]))[0]?.state ?? 'UNKNOWN';
      return states.includes(last);
    },
    60_000,
    `job ${id} to reach ${states.join('/')} (last ${last})`,
  );
  return last;
};

describeWithService(
  `${SlurmProvider.name} on the single-node Slurm`,
  slurmAvailable,
  SLURM_HOW_TO,
  () => {
    afterAll(async () => {
      for (const provider of providers) await provider.close();
      expect(liveSlurmJobs(submitted)).toEqual([]);
    });

    describe('.submit / .status', () => {
      it('runs the block and reports COMPLETED with the output paths', async () => {
        const out = mkdtempSync(join(tmpdir(), 'slurm-out-'));
        const provider = makeProvider({ coresPerNode: 1, workerInit: 'export FROM_INIT=yes' });
        const id = await submit(provider, `echo "$FROM_INIT $PARSL_CORES $JOBNAME" > ${out}/ran`);
        expect(id).toMatch(/^\d+$/);
        const [status] = await provider.status([id]);
        expect(['PENDING', 'RUNNING', 'COMPLETED']).toContain(status?.state);
        await waitForState(provider, id, ['COMPLETED']);
        expect(readFileSync(join(out, 'ran'), 'utf8')).toMatch(/^yes 1 parsl\.test\.\d+\.\d+\n$/);
        const [done] = await provider.status([id]);
        expect(done?.stdoutPath).toMatch(/\.submit\.stdout$/);
        expect(existsSync(done?.stdoutPath ?? '')).toBe(true);
      });

      it('reports FAILED for a block whose command fails', async () => {
        const provider = makeProvider();
        const id = await submit(provider, 'exit 3');
        expect(await waitForState(provider, id, ['FAILED', 'COMPLETED'])).toBe('FAILED');
      });
    });

    describe('.cancel', () => {
      it('cancels a running block (squeue shows CA)', async () => {
        const provider = makeProvider();
        const id = await submit(provider, 'sleep 120');
        await waitForState(provider, id, ['RUNNING']);
        expect(await provider.cancel([id])).toEqual([true]);
        await waitFor(() => liveSlurmJobs([id]).length === 0, 30_000, `job ${id} to leave squeue`);
        expect((await provider.status([id]))[0]?.state).toBe('CANCELLED');
      });
    });

    describe('.close', () => {
      it('cancels every block still queued or running', async () => {
        const provider = makeProvider({ exclusive: true });
        const ids = [await submit(provider, 'sleep 120'), await submit(provider, 'sleep 120')];
        await provider.close();
        await waitFor(() => liveSlurmJobs(ids).length === 0, 30_000, 'the jobs to leave squeue');
        expect(liveSlurmJobs(ids)).toEqual([]);
      });
    });

    describe('bad input', () => {
      it('names the option and the fix when partition is missing', async () => {
        const { partition: _p, ...rest } = { partition: 'x' };
        const provider = new SlurmProvider(
          { ...rest, executorLabel: 'htex' },
          new LocalChannel({ scriptDir: tmpdir() }),
          new SingleNodeLauncher(),
        );
        const error = await provider.submit('true', 1, 'parsl.test').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SchedulerMissingArgs);
        expect(String(error)).toContain('SlurmProvider[htex]');
        expect(String(error)).toContain('executors[htex].provider.partition');
      });

      it("passes sbatch's error for an unknown partition with the fix", async () => {
        const provider = makeProvider({ partition: 'nosuchpartition' });
        const error = await provider.submit('true', 1, 'parsl.test').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SubmitException);
        const text = String(error);
        expect(text).toContain('SlurmProvider[htex].submit: sbatch');
        expect(text).toMatch(/invalid partition specified: nosuchpartition/);
        expect(text).toContain('executors[htex].provider.partition');
        expect(text).toContain('sinfo -h -o %P');
      });

      it('throws ScriptPathError when the script directory cannot be made', async () => {
        const blocker = join(mkdtempSync(join(tmpdir(), 'slurm-bad-')), 'a-file');
        writeFileSync(blocker, '');
        const provider = makeProvider(
          {},
          new LocalChannel({ scriptDir: join(blocker, 'scripts') }),
        );
        const error = await provider.submit('true', 1, 'parsl.test').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ScriptPathError);
        expect(String(error)).toMatch(/SlurmProvider\[htex\].*scriptDir/);
      });
    });

    describe('a full disk under the script directory', () => {
      // Mounted when the suite runs (not while tests are collected, when a skipped suite would
      // never unmount it); needs root.
      let mountPoint: string | undefined;
      beforeAll(() => {
        const dir = mkdtempSync(join(tmpdir(), 'slurm-full-'));
        try {
          execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', dir], {
            stdio: 'ignore',
          });
          mountPoint = dir;
        } catch {
          mountPoint = undefined;
        }
      });
      afterAll(() => {
        if (mountPoint !== undefined) execFileSync('umount', [mountPoint]);
      });
      it('throws ScriptPathError saying the disk is full', async (context) => {
        if (mountPoint === undefined) context.skip('mounting a 16 kB tmpfs needs root');
        const dir = mountPoint ?? '';
        try {
          writeFileSync(join(dir, 'filler'), Buffer.alloc(64 * 1024));
        } catch {
          // ENOSPC: the file system is now full, which is the point
        }
        const provider = makeProvider({}, new LocalChannel({ scriptDir: dir }));
        const error = await provider.submit('true', 1, 'parsl.test').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ScriptPathError);
        expect(String(error)).toMatch(/ENOSPC.*free space/s);
      });
    });

    describeWithService(
      'over SSH (submit from a login node)',
      sshdAvailable,
      'start scripts/services/sshd.sh',
      () => {
        it('submits, polls and cancels through SshChannel', async () => {
          const remoteDir = mkdtempSync(join(tmpdir(), 'slurm-remote-'));
          const channel = new SshChannel(rootSshOptions(join(remoteDir, 'scripts')));
          const provider = makeProvider({}, channel);
          const id = await submit(provider, 'sleep 120');
          expect(existsSync(join(remoteDir, 'scripts'))).toBe(true);
          await waitForState(provider, id, ['RUNNING']);
          expect(await provider.cancel([id])).toEqual([true]);
          await waitFor(
            () => liveSlurmJobs([id]).length === 0,
            30_000,
            `job ${id} to leave squeue`,
          );
        });

        it.each([
          [
            'an unreachable login node',
            { port: 1 },
            /cannot reach 127\.0\.0\.1.*ECONNREFUSED.*is sshd running/s,
          ],
          [
            'a key the login node refuses',
            { keyFilename: SSHD_OTHER_KEY },
            /authentication to 127\.0\.0\.1 failed.*keyFilename/s,
          ],
        ] as const)(
          'throws ScaleOutFailed naming the provider for %s',
          async (_what, override, message) => {
            const channel = new SshChannel({ ...rootSshOptions('/tmp'), ...override });
            const provider = makeProvider({}, channel);
            const error = await provider.submit('true', 1, 'parsl.test').catch((e: unknown) => e);
            expect(error).toBeInstanceOf(ScaleOutFailed);
            expect(String(error)).toContain('SlurmProvider[htex].submit');
            expect(String(error)).toMatch(message);
          },
        );

        it('throws ScriptPathError naming the host when the remote scriptDir is not writable', async () => {
          const channel = new SshChannel({
            hostname: SSHD_HOST,
            port: SSHD_PORT,
            username: SSHD_PASSWORD_USER,
            password: SSHD_PASSWORD,
            knownHostsFile: SSHD_KNOWN_HOSTS,
            agent: '',
            scriptDir: '/root/parsl-ts-not-yours',
          });
          const provider = makeProvider({}, channel);
          const error = await provider.submit('true', 1, 'parsl.test').catch((e: unknown) => e);
          expect(error).toBeInstanceOf(ScriptPathError);
          expect(String(error)).toMatch(
            /127\.0\.0\.1:\/root\/parsl-ts-not-yours.*Permission denied/s,
          );
        });
      },
    );
  },
);

describeWithService(`${SlurmProvider.name} contract`, slurmAvailable, SLURM_HOW_TO, () => {
  describeExecutionProviderContract(SlurmProvider.name, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slurm-contract-'));
    return {
      provider: new SlurmProvider(
        {
          partition: SLURM_PARTITION,
          exclusive: false,
          cmdTimeout: 30,
          statusPollingIntervalMs: 1000,
        },
        new LocalChannel({ scriptDir: dir }),
        new SingleNodeLauncher({ debug: false }),
      ),
      commands: { long: 'sleep 300', succeed: 'true', fail: 'exit 3' },
      cleanup: async () => undefined,
    };
  });
});
