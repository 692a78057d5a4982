import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalChannel } from '../../../src/adapters/channels/LocalChannel.js';
import { HighThroughputExecutor } from '../../../src/adapters/executors/HighThroughputExecutor.js';
import { SingleNodeLauncher } from '../../../src/adapters/launchers/SingleNodeLauncher.js';
import { LocalProvider } from '../../../src/adapters/providers/LocalProvider.js';
import { app, bashApp, type DataFlowKernel, load } from '../../../src/index.js';
import { add, dieOnce } from './htex/fixtures/apps.js';

const APPS = new URL('./htex/fixtures/apps.ts', import.meta.url).href;

describe(`${HighThroughputExecutor.name} under the DataFlowKernel`, () => {
  const runDir = mkdtempSync(join(tmpdir(), 'htex-kernel-'));
  let kernel: DataFlowKernel;

  beforeAll(async () => {
    const provider = new LocalProvider(
      { initBlocks: 1, maxBlocks: 1, walltime: '00:05:00' },
      new LocalChannel({ scriptDir: join(runDir, 'submit_scripts') }),
      new SingleNodeLauncher(),
    );
    const htex = new HighThroughputExecutor({
      label: 'htex',
      provider,
      maxWorkers: 2,
      heartbeatPeriod: 1,
      heartbeatThreshold: 10,
    });
    kernel = await load(
      { runDir, retries: 1, executors: [htex] },
      { global: false, signals: false },
    );
  });
  afterAll(async () => {
    await kernel.cleanup();
    rmSync(runDir, { recursive: true, force: true });
  });

  it('runs apps shipped by module reference, with dependencies between them', async () => {
    const addApp = app(add, { kernel, module: APPS });
    const sum = addApp(addApp(1, 2), addApp(3, 4));
    expect(await sum).toBe(10);
  });

  it('runs bash apps in the pool', async () => {
    const out = join(runDir, 'hello.txt');
    const hello = bashApp(() => `echo hello > ${out}`, { kernel });
    expect(await hello()).toBe(0);
  });

  it('retries a task whose worker died (WorkerLost) under retries=1', async () => {
    const flaky = app(dieOnce, { kernel, module: APPS });
    expect(await flaky(join(runDir, 'died.marker'))).toBe('second try');
  });
});

describe(`${HighThroughputExecutor.name} from a config node (kind 'htex')`, () => {
  it('is built by load() with its provider and runs an app', async () => {
    const runDir = mkdtempSync(join(tmpdir(), 'htex-config-'));
    const kernel = await load(
      {
        runDir,
        executors: [
          {
            kind: 'htex',
            label: 'htex_config',
            maxWorkers: 1,
            heartbeatPeriod: 1,
            heartbeatThreshold: 10,
            provider: {
              kind: 'local',
              initBlocks: 1,
              maxBlocks: 1,
              launcher: { kind: 'single-node' },
            },
          },
        ],
      },
      { global: false, signals: false },
    );
    try {
      expect(await app(add, { kernel, module: APPS })(20, 22)).toBe(42);
    } finally {
      await kernel.cleanup();
      rmSync(runDir, { recursive: true, force: true });
    }
  });
});
