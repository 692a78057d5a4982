import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LocalChannel } from '../../src/adapters/channels/LocalChannel.js';
import { SshChannel } from '../../src/adapters/channels/SshChannel.js';
import { HighThroughputExecutor } from '../../src/adapters/executors/HighThroughputExecutor.js';
import { SrunLauncher } from '../../src/adapters/launchers/SrunLauncher.js';
import { SlurmProvider } from '../../src/adapters/providers/SlurmProvider.js';
import { app, type DataFlowKernel, load } from '../../src/index.js';
import { describeWithService } from '../support/describeWithService.js';
import {
  liveSlurmJobs,
  SLURM_HOW_TO,
  SLURM_PARTITION,
  slurmAvailable,
} from '../support/slurmService.js';
import { rootSshOptions, SSHD_HOW_TO, sshdAvailable } from '../support/sshdService.js';
import { hangInJob, mean, pi, slowWhere, where } from './fixtures/montecarlo.js';

const APPS = new URL('./fixtures/montecarlo.ts', import.meta.url).href;

/** A kernel whose HTEX gets one block at a time from the local Slurm; job ids go to `jobIds`. */
const loadSlurmHtex = async (
  runDir: string,
  jobIds: string[],
  block: { readonly walltime: string; readonly maxWorkers: number },
): Promise<DataFlowKernel> => {
  const provider = new SlurmProvider(
    {
      partition: SLURM_PARTITION,
      exclusive: false,
      executorLabel: 'slurm_htex',
      initBlocks: 1,
      maxBlocks: 1,
      walltime: block.walltime,
      cmdTimeout: 30,
      statusPollingIntervalMs: 1000,
    },
    new LocalChannel({ scriptDir: join(runDir, 'submit_scripts') }),
    new SrunLauncher(),
  );
  const submit = provider.submit.bind(provider);
  provider.submit = async (...args) => {
    const id = await submit(...args);
    jobIds.push(id);
    return id;
  };
  const htex = new HighThroughputExecutor({
    label: 'slurm_htex',
    provider,
    maxWorkers: block.maxWorkers,
    heartbeatPeriod: 1,
    heartbeatThreshold: 20,
  });
  return load(
    { runDir, retries: 2, strategyPeriod: 1, executors: [htex] },
    { global: false, signals: false },
  );
};

describeWithService(
  'HTEX + SlurmProvider + SrunLauncher: the Monte Carlo example',
  slurmAvailable,
  SLURM_HOW_TO,
  () => {
    const runDir = mkdtempSync(join(tmpdir(), 'htex-slurm-'));
    let kernel: DataFlowKernel;
    const jobIds: string[] = [];

    beforeAll(async () => {
      kernel = await loadSlurmHtex(runDir, jobIds, { walltime: '00:05:00', maxWorkers: 2 });
    }, 120_000);

    afterAll(async () => {
      await kernel.cleanup();
      expect(liveSlurmJobs(jobIds)).toEqual([]);
    }, 120_000);

    it('estimates pi inside a Slurm job', async () => {
      const piApp = app(pi, { kernel, module: APPS });
      const meanApp = app(mean, { kernel, module: APPS });
      const whereApp = app(where, { kernel, module: APPS });
      const estimate = await meanApp(piApp(10 ** 5), piApp(10 ** 5), piApp(10 ** 5));
      expect(Math.abs(estimate - Math.PI)).toBeLessThan(0.1);
      const ran = await whereApp();
      expect(ran.slurmJob).toBe(jobIds[0]);
    }, 120_000);

    it('survives scancel of its block: the task is retried on a new block', async () => {
      const slow = app(slowWhere, { kernel, module: APPS });
      const first = jobIds.at(-1) ?? '';
      const result = slow(6_000);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      execFileSync('scancel', [first]);
      const ran = await result;
      expect(ran.slurmJob).not.toBe(first);
      expect(jobIds).toContain(ran.slurmJob);
    }, 180_000);
  },
);

describeWithService(
  'HTEX + SlurmProvider: a block that reaches its walltime',
  slurmAvailable,
  SLURM_HOW_TO,
  () => {
    const runDir = mkdtempSync(join(tmpdir(), 'htex-slurm-walltime-'));
    let kernel: DataFlowKernel;
    const jobIds: string[] = [];

    beforeAll(async () => {
      kernel = await loadSlurmHtex(runDir, jobIds, { walltime: '00:01:00', maxWorkers: 1 });
    }, 120_000);

    afterAll(async () => {
      await kernel.cleanup();
      expect(liveSlurmJobs(jobIds)).toEqual([]);
    }, 120_000);

    it('the task is retried on a new block after Slurm ends the first one (TIMEOUT)', async () => {
      const hang = app(hangInJob, { kernel, module: APPS });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const first = jobIds[0] ?? '';
      const ran = await hang(first);
      expect(ran.slurmJob).not.toBe(first);
      const state = execFileSync('squeue', ['-h', '-t', 'all', '-o', '%t', '-j', first], {
        encoding: 'utf8',
      }).trim();
      expect(state).toBe('TO');
    }, 240_000);
  },
);

describeWithService(
  'HTEX + SlurmProvider over SSH: blocks submitted through a login node',
  slurmAvailable && sshdAvailable,
  `${SLURM_HOW_TO}; ${SSHD_HOW_TO}`,
  () => {
    const runDir = mkdtempSync(join(tmpdir(), 'htex-slurm-ssh-'));
    let kernel: DataFlowKernel;
    let channel: SshChannel;

    beforeAll(async () => {
      channel = new SshChannel(rootSshOptions(join(runDir, 'login_node_scripts')));
      const provider = new SlurmProvider(
        {
          partition: SLURM_PARTITION,
          exclusive: false,
          executorLabel: 'remote_slurm',
          walltime: '00:05:00',
          cmdTimeout: 30,
          statusPollingIntervalMs: 1000,
        },
        channel,
        new SrunLauncher(),
      );
      const htex = new HighThroughputExecutor({
        label: 'remote_slurm',
        provider,
        maxWorkers: 2,
        heartbeatPeriod: 1,
        heartbeatThreshold: 20,
      });
      kernel = await load({ runDir, executors: [htex] }, { global: false, signals: false });
    }, 120_000);

    afterAll(async () => {
      await kernel.cleanup();
    }, 120_000);

    it('runs the Monte Carlo apps in a Slurm job submitted over SSH', async () => {
      const piApp = app(pi, { kernel, module: APPS });
      const meanApp = app(mean, { kernel, module: APPS });
      const estimate = await meanApp(piApp(10 ** 5), piApp(10 ** 5), piApp(10 ** 5));
      expect(Math.abs(estimate - Math.PI)).toBeLessThan(0.1);
      const ran = await app(where, { kernel, module: APPS })();
      expect(ran.slurmJob).toMatch(/^\d+$/);
      expect(
        readdirSync(join(runDir, 'login_node_scripts')).some((f) => f.endsWith('.submit')),
      ).toBe(true);
    }, 120_000);
  },
);
