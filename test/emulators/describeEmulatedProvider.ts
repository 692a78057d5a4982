import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SingleNodeLauncher } from '../../src/adapters/launchers/SingleNodeLauncher.js';
import { SubmitException } from '../../src/domain/errors/ProviderErrors.js';
import type { JobState } from '../../src/domain/job/JobState.js';
import type { Channel } from '../../src/ports/Channel.js';
import type { ExecutionProvider } from '../../src/ports/ExecutionProvider.js';
import type { Launcher } from '../../src/ports/Launcher.js';
import { describeExecutionProviderContract } from '../contract/executionProviderContract.js';
import { processAlive } from '../support/processAlive.js';
import { waitFor } from '../support/slurmService.js';
import { type EmulatedScheduler, emulatedChannel } from './emulatedScheduler.js';

/** How a scheduler reports the end of a block. */
export interface EmulatedExpectations {
  /** State of a block whose command exited non-zero (Torque's C and Cobalt's vanishing hide the code). */
  readonly failedState: JobState;
  /** A bad queue and the scheduler's own error text; undefined where the provider has no queue. */
  readonly badQueue?: { readonly options: Record<string, unknown>; readonly message: RegExp };
  /** The scheduler reports exit codes, so the ExecutionProvider contract applies in full. */
  readonly contract?: boolean;
}

type MakeProvider = (
  options: Record<string, unknown>,
  channel: Channel,
  launcher: Launcher,
) => ExecutionProvider;

/** Runs blocks through a provider against the scheduler emulator: the whole submit path. */
export const describeEmulatedProvider = (
  scheduler: EmulatedScheduler,
  make: MakeProvider,
  expectations: EmulatedExpectations,
): void => {
  describe(`against the ${scheduler} emulator`, () => {
    const { channel, stateDir } = emulatedChannel(scheduler);
    const provider = make(
      { executorLabel: 'htex', cmdTimeout: 20 },
      channel,
      new SingleNodeLauncher({ debug: false }),
    );
    const waitState = async (id: string, states: readonly JobState[]): Promise<JobState> => {
      let last: JobState = 'UNKNOWN';
      await waitFor(
        async () => {
          last = (await provider.status([id]))[0]?.state ?? 'UNKNOWN';
          return states.includes(last);
        },
        20_000,
        `${scheduler} job ${id} to reach ${states.join('/')} (last ${last})`,
      );
      return last;
    };
    afterAll(async () => {
      await provider.close();
    });

    it('runs the submitted script and reports COMPLETED', async () => {
      const out = join(stateDir, 'ran');
      const id = await provider.submit(`echo "ran $JOBNAME" > ${out}`, 1, 'parsl.emu');
      expect(['PENDING', 'RUNNING', 'COMPLETED']).toContain(
        (await provider.status([id]))[0]?.state,
      );
      await waitState(id, ['COMPLETED']);
      expect(readFileSync(out, 'utf8')).toMatch(/^ran parsl\.emu\.\d+\.\d+\n$/);
    });

    it(`reports ${expectations.failedState} for a block that exits non-zero`, async () => {
      const id = await provider.submit('exit 4', 1, 'parsl.emu');
      expect(await waitState(id, ['COMPLETED', 'FAILED'])).toBe(expectations.failedState);
    });

    it('cancels a running block and kills its processes', async () => {
      const pidFile = join(stateDir, 'pid');
      const id = await provider.submit(`echo $$ > ${pidFile}; sleep 60`, 1, 'parsl.emu');
      await waitState(id, ['RUNNING']);
      await waitFor(
        () => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '',
        10_000,
        'the pid file',
      );
      const pid = Number(readFileSync(pidFile, 'utf8'));
      expect(await provider.cancel([id])).toEqual([true]);
      expect((await provider.status([id]))[0]?.state).toBe('CANCELLED');
      await waitFor(() => !processAlive(pid), 10_000, `pid ${pid} to die`);
    });

    it('cancels every live block at close', async () => {
      const { channel: c2, stateDir: d2 } = emulatedChannel(scheduler);
      const p2 = make({ executorLabel: 'htex' }, c2, new SingleNodeLauncher({ debug: false }));
      const pidFile = join(d2, 'pid');
      const id = await p2.submit(`echo $$ > ${pidFile}; sleep 60`, 1, 'parsl.emu');
      await waitFor(
        async () => (await p2.status([id]))[0]?.state === 'RUNNING' && existsSync(pidFile),
        20_000,
        'RUNNING',
      );
      await waitFor(() => readFileSync(pidFile, 'utf8').trim() !== '', 5_000, 'the pid');
      const pid = Number(readFileSync(pidFile, 'utf8'));
      await p2.close();
      await waitFor(() => !processAlive(pid), 10_000, `pid ${pid} to die`);
    });

    if (expectations.contract === true) {
      describeExecutionProviderContract(`${scheduler} emulator`, async () => {
        const { channel: c4 } = emulatedChannel(scheduler);
        return {
          provider: make(
            { statusPollingIntervalMs: 1000 },
            c4,
            new SingleNodeLauncher({ debug: false }),
          ),
          commands: { long: 'sleep 300', succeed: 'true', fail: 'exit 3' },
          cleanup: async () => undefined,
        };
      });
    }

    const badQueue = expectations.badQueue;
    if (badQueue !== undefined) {
      it("passes the scheduler's error for an unknown queue, naming the executor", async () => {
        const { channel: c3 } = emulatedChannel(scheduler);
        const p3 = make(
          { executorLabel: 'htex', ...badQueue.options },
          c3,
          new SingleNodeLauncher(),
        );
        const error = await p3.submit('true', 1, 'parsl.emu').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SubmitException);
        expect(String(error)).toMatch(badQueue.message);
        expect(String(error)).toContain('[htex].submit');
        await p3.close();
      });
    }
  });
};
