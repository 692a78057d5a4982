import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { GnuParallelLauncher } from '../../../src/adapters/launchers/GnuParallelLauncher.js';
import { describeWithService } from '../../support/describeWithService.js';
import { filesIn, makeRankDir, runWrapped } from './runWrapped.js';

// GNU parallel reaches every node over SSH, so the test logs in to the throw-away sshd on loopback
// (scripts/services/sshd.sh) as its `parsltest` user; the remote side runs `sh cmd_$JOBNAME.sh` in
// that user's home, which is therefore the launcher's working directory here.
const SSHD_DIR = process.env['PARSL_SSHD_DIR'] ?? '/tmp/parsl-ts-sshd';
const SSHD_PORT = process.env['PARSL_SSHD_PORT'] ?? '2222';
const USER = 'parsltest';
const REMOTE_HOME = `/home/${USER}`;

const available = (): boolean => {
  try {
    execFileSync(
      'bash',
      [
        '-c',
        `command -v parallel && test -r ${SSHD_DIR}/id_ed25519 && test -d ${REMOTE_HOME} && (exec 3<>/dev/tcp/127.0.0.1/${SSHD_PORT})`,
      ],
      { stdio: 'ignore' },
    );
    return true;
  } catch {
    return false;
  }
};

describeWithService(
  `${GnuParallelLauncher.name} (real GNU parallel over sshd)`,
  available(),
  'start the tools and the loopback sshd: scripts/services/hpc-tools.sh start && scripts/services/sshd.sh start',
  () => {
    it('runs tasksPerNode jobs on each de-duplicated PBS_NODEFILE host until all copies ran', async () => {
      const dir = await makeRankDir();
      const home = `${dir}/local-home`;
      await mkdir(`${home}/.parallel`, { recursive: true });
      await runWrapped('parallel --record-env < /dev/null', { cwd: dir, env: { HOME: home } });
      await writeFile(`${dir}/nodefile`, '127.0.0.1\n127.0.0.1\n');
      const job = `gnupar-${process.pid}-${Date.now()}`;
      const text = new GnuParallelLauncher().wrap(`mktemp ${dir}/ranks.XXXXXX > /dev/null`, 2, 2);
      const result = await runWrapped(text, {
        cwd: REMOTE_HOME,
        env: {
          HOME: home,
          JOBNAME: job,
          PBS_NODEFILE: `${dir}/nodefile`,
          PARALLEL_SSH: `ssh -p ${SSHD_PORT} -i ${SSHD_DIR}/id_ed25519 -o UserKnownHostsFile=${SSHD_DIR}/known_hosts -o StrictHostKeyChecking=yes -o BatchMode=yes -l ${USER}`,
        },
      });
      const ranks = (await filesIn(dir)).filter((f) => f.startsWith('ranks.'));
      const hosts = (await runWrapped(`cat ${job}.nodes`, { cwd: REMOTE_HOME })).stdout;
      await runWrapped(
        `rm -f cmd_${job}.sh cmd_${job}.sh.parallel ${job}.nodes ${job}.sh.parallel.log`,
        {
          cwd: REMOTE_HOME,
        },
      );
      await rm(dir, { recursive: true, force: true });
      expect([result.exitCode, ranks.length, hosts]).toEqual([0, 4, '127.0.0.1\n']);
    });
  },
);
