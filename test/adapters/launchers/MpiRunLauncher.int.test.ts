import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { MpiRunLauncher } from '../../../src/adapters/launchers/MpiRunLauncher.js';
import { describeWithService } from '../../support/describeWithService.js';
import { filesIn, makeRankDir, runWrapped } from './runWrapped.js';

const hasMpirun = (): boolean => {
  try {
    execFileSync('bash', ['-c', 'command -v mpirun'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

describeWithService(
  `${MpiRunLauncher.name} (real OpenMPI mpirun)`,
  hasMpirun(),
  'install OpenMPI: scripts/services/hpc-tools.sh start',
  () => {
    it('starts tasksPerNode × nodesPerBlock ranks under bash', async () => {
      const dir = await makeRankDir();
      const text = new MpiRunLauncher({ overrides: '--oversubscribe' }).wrap(
        `touch ${dir}/rank.\\$OMPI_COMM_WORLD_RANK; [ -n "\\$BASH_VERSION" ] && touch ${dir}/bash.\\$OMPI_COMM_WORLD_RANK`,
        3,
        1,
      );
      const result = await runWrapped(text, {
        cwd: dir,
        env: {
          OMPI_ALLOW_RUN_AS_ROOT: '1',
          OMPI_ALLOW_RUN_AS_ROOT_CONFIRM: '1',
          JOBNAME: 'mpirun-test',
        },
      });
      const files = (await filesIn(dir)).filter((f) => /^(rank|bash)\./.test(f));
      expect([result.exitCode, files]).toEqual([
        0,
        ['bash.0', 'bash.1', 'bash.2', 'rank.0', 'rank.1', 'rank.2'],
      ]);
      await rm(dir, { recursive: true, force: true });
    });
  },
);
