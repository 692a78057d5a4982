import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalChannel } from '../../../src/adapters/channels/LocalChannel.js';
import { HighThroughputExecutor } from '../../../src/adapters/executors/HighThroughputExecutor.js';
import { SingleNodeLauncher } from '../../../src/adapters/launchers/SingleNodeLauncher.js';
import { LocalProvider } from '../../../src/adapters/providers/LocalProvider.js';
import { HttpInTaskStaging } from '../../../src/adapters/staging/HttpInTaskStaging.js';
import {
  app,
  bashApp,
  type DataFlowKernel,
  File,
  load,
  type Special,
  special,
} from '../../../src/index.js';
import { FileHttpServer } from '../../support/FileHttpServer.js';
import { readStaged } from './fixtures/stagingApps.js';

const APPS = new URL('./fixtures/stagingApps.ts', import.meta.url).href;

describe('in-task staging on HTEX worker processes', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'htex-staging-'));
  let kernel: DataFlowKernel;
  let server: FileHttpServer;

  beforeAll(async () => {
    server = await FileHttpServer.start(runDir);
    writeFileSync(join(runDir, 'remote.txt'), 'over http, on the worker');
    const provider = new LocalProvider(
      { initBlocks: 1, maxBlocks: 1, walltime: '00:05:00' },
      new LocalChannel({ scriptDir: join(runDir, 'submit_scripts') }),
      new SingleNodeLauncher(),
    );
    const htex = new HighThroughputExecutor({
      label: 'htex',
      provider,
      maxWorkers: 1,
      heartbeatPeriod: 1,
      heartbeatThreshold: 10,
      storageAccess: [new HttpInTaskStaging({ retries: 1, retryBaseDelayMs: 10 })],
    });
    kernel = await load({ runDir, executors: [htex] }, { global: false, signals: false });
  }, 60_000);
  afterAll(async () => {
    await kernel.cleanup();
    await server.close();
    rmSync(runDir, { recursive: true, force: true });
  });

  it('downloads inside the worker process, then runs the app there', async () => {
    const read = app(readStaged, { kernel, module: APPS });
    const result = await read(special({ inputs: [new File(server.url('remote.txt'))] }));
    expect(result.text).toBe('over http, on the worker');
    expect(result.pid).not.toBe(process.pid);
    expect(server.requests).toEqual(['GET /remote.txt']);
  });

  it("runs a bash app's command after the in-task download, inside the pool", async () => {
    const out = join(runDir, 'cat.out');
    const cat = bashApp((s: Special) => `cat ${s.inputs[0]} > ${out}`, { kernel });
    expect(await cat(special({ inputs: [new File(server.url('remote.txt'))] }))).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('over http, on the worker');
  });
});
