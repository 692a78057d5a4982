import { execFileSync } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { MpiExecLauncher } from '../../../src/adapters/launchers/MpiExecLauncher.js';
import { describeWithService } from '../../support/describeWithService.js';
import { filesIn, makeRankDir, runWrapped } from './runWrapped.js';

const has = (tool: string): boolean => {
  try {
    execFileSync('bash', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** OpenMPI refuses root without these; the tests run as root in CI. */
const OMPI_ROOT = { OMPI_ALLOW_RUN_AS_ROOT: '1', OMPI_ALLOW_RUN_AS_ROOT_CONFIRM: '1' };

describeWithService(
  `${MpiExecLauncher.name} (real OpenMPI mpiexec)`,
  has('mpiexec'),
  'install OpenMPI: scripts/services/hpc-tools.sh start',
  () => {
    // The launcher writes the command through an unquoted here-document (as Parsl does), so
    // variables meant for the rank's own environment are escaped.
    it('starts one rank per task, from a PBS_NODEFILE with duplicates', async () => {
      const dir = await makeRankDir();
      await writeFile(`${dir}/nodefile`, 'localhost\nlocalhost\n');
      const text = new MpiExecLauncher({ overrides: '--oversubscribe' }).wrap(
        `touch ${dir}/rank.\\$OMPI_COMM_WORLD_RANK.of.\\$OMPI_COMM_WORLD_SIZE`,
        2,
        2,
      );
      const result = await runWrapped(text, {
        cwd: dir,
        env: { ...OMPI_ROOT, JOBNAME: 'mpiexec-test', PBS_NODEFILE: `${dir}/nodefile` },
      });
      const ranks = (await filesIn(dir)).filter((f) => f.startsWith('rank.'));
      expect([result.exitCode, ranks]).toEqual([
        0,
        ['rank.0.of.4', 'rank.1.of.4', 'rank.2.of.4', 'rank.3.of.4'],
      ]);
      await rm(dir, { recursive: true, force: true });
    });

    it('uses localhost when PBS_NODEFILE is unset', async () => {
      const dir = await makeRankDir();
      const text = new MpiExecLauncher({ overrides: '--oversubscribe' }).wrap(
        `touch ${dir}/rank.\\$OMPI_COMM_WORLD_RANK`,
        3,
        1,
      );
      const result = await runWrapped(text, {
        cwd: dir,
        env: { ...OMPI_ROOT, JOBNAME: 'mpiexec-local' },
      });
      const files = await filesIn(dir);
      expect([result.exitCode, files.filter((f) => f.startsWith('rank.')).length, files]).toEqual([
        0,
        3,
        expect.arrayContaining(['mpiexec-local.nodes', 'cmd_mpiexec-local.sh']),
      ]);
      await rm(dir, { recursive: true, force: true });
    });
  },
);
