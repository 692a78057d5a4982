import { ContainerModule } from 'inversify';
import { afterEach, describe, expect, it } from 'vitest';
import {
  app,
  type Clock,
  ConfigurationError,
  clear,
  type DataFlowKernel,
  dfk,
  type Executor,
  type ExecutorTask,
  KernelClosedError,
  type KernelEvent,
  load,
  TOKENS,
} from '../../../src/index.js';
import { tempDir } from '../../support/tempRunDir.js';

/** A real executor that records what it ran, for container tests. */
class RecordingExecutor implements Executor {
  public readonly managed = true;
  public readonly scalingEnabled = false;
  public readonly ran: number[] = [];
  public started = 0;
  public stopped = 0;
  public constructor(public readonly label: string) {}
  public async start(): Promise<void> {
    this.started += 1;
  }
  public async submit(task: ExecutorTask): Promise<unknown> {
    this.ran.push(task.id);
    if (task.payload.kind !== 'function') throw new Error('function apps only');
    return task.payload.fn(...task.payload.args);
  }
  public outstanding(): number {
    return 0;
  }
  public async shutdown(): Promise<void> {
    this.stopped += 1;
  }
}

const kernels: DataFlowKernel[] = [];
afterEach(async () => {
  await Promise.all(kernels.splice(0).map((k) => k.cleanup({ abort: true })));
  clear();
});

describe('composition root', () => {
  it('takes an executor bound by an overrides module, and starts and stops it', async () => {
    const recording = new RecordingExecutor('recording');
    const kernel = await load(
      { runDir: tempDir(), executors: [{ kind: 'in-process', label: 'local' }] },
      {
        global: false,
        signals: false,
        overrides: [
          new ContainerModule(({ bind }) => {
            bind(TOKENS.Executor).toConstantValue(recording);
          }),
        ],
      },
    );
    kernels.push(kernel);
    expect([...kernel.executorLabels].sort()).toEqual(['local', 'recording']);
    const square = app((x: number) => x * x, { kernel, executors: ['recording'] });
    expect(await square(7)).toBe(49);
    await kernel.cleanup();
    expect([recording.ran, recording.started, recording.stopped]).toEqual([[0], 1, 1]);
  });

  it('swaps the clock for a fake: events carry its time', async () => {
    const fixed: Clock = { now: () => 1_000 };
    const kernel = await load(
      { runDir: tempDir(), executors: [{ kind: 'in-process' }] },
      {
        global: false,
        signals: false,
        overrides: [
          new ContainerModule(({ rebind }) => {
            rebind(TOKENS.Clock).toConstantValue(fixed);
          }),
        ],
      },
    );
    kernels.push(kernel);
    const times: number[] = [];
    kernel.events$.subscribe((e: KernelEvent) => times.push(e.at));
    await app(() => 1, { kernel })();
    expect(new Set(times)).toEqual(new Set([1_000]));
  });

  it('takes Executor instances from the config as custom executors', async () => {
    const recording = new RecordingExecutor('mine');
    const kernel = await load(
      { runDir: tempDir(), executors: [recording] },
      { global: false, signals: false },
    );
    kernels.push(kernel);
    await app(() => 'x', { kernel })();
    expect(recording.ran).toEqual([0]);
  });
});

describe('load, dfk and clear', () => {
  it('makes the first load the global kernel that apps use by default', async () => {
    const kernel = await load(
      { runDir: tempDir(), executors: [{ kind: 'in-process' }] },
      { signals: false },
    );
    kernels.push(kernel);
    expect(dfk()).toBe(kernel);
    expect(await app((x: number) => x + 1)(1)).toBe(2);
  });

  it('refuses a second global load with a hint, and allows it after clear()', async () => {
    const first = await load(
      { runDir: tempDir(), executors: [{ kind: 'in-process' }] },
      { signals: false },
    );
    kernels.push(first);
    await expect(load({ runDir: tempDir() }, { signals: false })).rejects.toThrow(
      /already loaded; call clear\(\)/,
    );
    clear();
    const second = await load(
      { runDir: tempDir(), executors: [{ kind: 'in-process' }] },
      { signals: false },
    );
    kernels.push(second);
    expect(dfk()).toBe(second);
  });

  it('lets several non-global kernels live side by side, each with its own run directory', async () => {
    const runDir = tempDir();
    const [a, b] = await Promise.all([
      load({ runDir, executors: [{ kind: 'in-process' }] }, { global: false, signals: false }),
      load({ runDir, executors: [{ kind: 'in-process' }] }, { global: false, signals: false }),
    ]);
    kernels.push(a, b);
    expect(a.runDir).not.toBe(b.runDir);
    expect([await app(() => 'a', { kernel: a })(), await app(() => 'b', { kernel: b })()]).toEqual([
      'a',
      'b',
    ]);
  });

  it('says how to fix a call made with no kernel loaded', () => {
    expect(() => app(() => 1, { name: 'orphan' })()).toThrow(KernelClosedError);
    expect(() => app(() => 1, { name: 'orphan' })()).toThrow(
      /app orphan was called but no kernel is loaded/,
    );
    expect(() => dfk()).toThrow(ConfigurationError);
  });
});
