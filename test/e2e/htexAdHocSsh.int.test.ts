import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SshChannel } from '../../src/adapters/channels/SshChannel.js';
import { HighThroughputExecutor } from '../../src/adapters/executors/HighThroughputExecutor.js';
import { SimpleLauncher } from '../../src/adapters/launchers/SimpleLauncher.js';
import { AdHocProvider } from '../../src/adapters/providers/AdHocProvider.js';
import { app, type DataFlowKernel, load } from '../../src/index.js';
import { describeWithService } from '../support/describeWithService.js';
import { rootSshOptions, SSHD_HOW_TO, SSHD_PORT, sshdAvailable } from '../support/sshdService.js';
import { mean, pi, sshConnection } from './fixtures/montecarlo.js';

const APPS = new URL('./fixtures/montecarlo.ts', import.meta.url).href;

describeWithService(
  'HTEX + AdHocProvider: worker pools started on hosts over SSH',
  sshdAvailable,
  SSHD_HOW_TO,
  () => {
    const runDir = mkdtempSync(join(tmpdir(), 'htex-adhoc-'));
    let kernel: DataFlowKernel;

    beforeAll(async () => {
      const host = (): SshChannel => new SshChannel(rootSshOptions(join(runDir, 'remote_scripts')));
      const provider = new AdHocProvider(
        { executorLabel: 'remote_htex', statusPollingIntervalMs: 1000 },
        [host(), host()],
        new SimpleLauncher(),
      );
      const htex = new HighThroughputExecutor({
        label: 'remote_htex',
        provider,
        maxWorkers: 1,
        heartbeatPeriod: 1,
        heartbeatThreshold: 20,
      });
      kernel = await load(
        { runDir, strategy: 'none', executors: [htex] },
        { global: false, signals: false },
      );
    }, 120_000);

    afterAll(async () => {
      await kernel.cleanup();
    }, 120_000);

    it('runs the Monte Carlo apps in pools started over SSH', async () => {
      const piApp = app(pi, { kernel, module: APPS });
      const meanApp = app(mean, { kernel, module: APPS });
      const estimate = await meanApp(piApp(10 ** 5), piApp(10 ** 5), piApp(10 ** 5));
      expect(Math.abs(estimate - Math.PI)).toBeLessThan(0.1);
      const session = await app(sshConnection, { kernel, module: APPS })();
      expect(session).toMatch(new RegExp(`^127\\.0\\.0\\.1 \\d+ 127\\.0\\.0\\.1 ${SSHD_PORT}$`));
    }, 120_000);
  },
);
