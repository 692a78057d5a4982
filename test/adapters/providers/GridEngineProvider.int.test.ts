import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalChannel } from '../../../src/adapters/channels/LocalChannel.js';
import { SingleNodeLauncher } from '../../../src/adapters/launchers/SingleNodeLauncher.js';
import { GridEngineProvider } from '../../../src/adapters/providers/GridEngineProvider.js';
import type { JobState } from '../../../src/domain/job/JobState.js';
import { describeWithService } from '../../support/describeWithService.js';
import { GRID_ENGINE_HOW_TO, gridEngineAvailable } from '../../support/gridEngineService.js';
import { processAlive } from '../../support/processAlive.js';
import { waitFor } from '../../support/slurmService.js';

describeWithService(
  `${GridEngineProvider.name} on the one-node Grid Engine`,
  gridEngineAvailable,
  GRID_ENGINE_HOW_TO,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'sge-'));
    const channel = new LocalChannel({ scriptDir: join(dir, 'scripts'), userhome: dir });
    const provider = new GridEngineProvider(
      { executorLabel: 'htex', cmdTimeout: 30, walltime: '00:05:00' },
      channel,
      new SingleNodeLauncher({ debug: false }),
    );
    const waitState = async (id: string, states: readonly JobState[]): Promise<void> => {
      let last: JobState = 'UNKNOWN';
      await waitFor(
        async () => {
          last = (await provider.status([id]))[0]?.state ?? 'UNKNOWN';
          return states.includes(last);
        },
        60_000,
        `job ${id} to reach ${states.join('/')} (last ${last})`,
      );
    };
    afterAll(async () => {
      await provider.close();
    });

    describe('.submit / .status', () => {
      it('runs the block (qsub -terse) and reports COMPLETED once qstat no longer lists it', async () => {
        const out = join(dir, 'ran');
        const id = await provider.submit(`echo "ran $JOBNAME" > ${out}`, 1, 'parsl.sge');
        expect(id).toMatch(/^\d+$/);
        await waitState(id, ['COMPLETED']);
        expect(readFileSync(out, 'utf8')).toMatch(/^ran parsl\.sge\.\d+\.\d+\n$/);
      });
    });

    describe('.cancel', () => {
      it('qdel stops a running block', async () => {
        const pidFile = join(dir, 'pid');
        const id = await provider.submit(`echo $$ > ${pidFile}; sleep 120`, 1, 'parsl.sge');
        await waitState(id, ['RUNNING']);
        await waitFor(
          () => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '',
          20_000,
          'the pid file',
        );
        const pid = Number(readFileSync(pidFile, 'utf8'));
        expect(await provider.cancel([id])).toEqual([true]);
        expect((await provider.status([id]))[0]?.state).toBe('CANCELLED');
        await waitFor(() => !processAlive(pid), 30_000, `pid ${pid} to die`);
      });
    });
  },
);
