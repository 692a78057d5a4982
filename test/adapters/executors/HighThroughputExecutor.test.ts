import { afterEach, describe, expect, it } from 'vitest';
import { HighThroughputExecutor } from '../../../src/adapters/executors/HighThroughputExecutor.js';
import { ExecutorError } from '../../../src/domain/errors/ExecutorErrors.js';
import { FakeExecutionProvider } from '../../fakes/FakeExecutionProvider.js';
import { RecordingLogger } from '../../support/RecordingLogger.js';

describe(`${HighThroughputExecutor.name}.start`, () => {
  const saved = process.env['PARSL_HTEX_SPIN_US'];
  afterEach(() => {
    if (saved === undefined) delete process.env['PARSL_HTEX_SPIN_US'];
    else process.env['PARSL_HTEX_SPIN_US'] = saved;
  });

  it('refuses a PARSL_HTEX_SPIN_US it cannot read, before starting anything', async () => {
    process.env['PARSL_HTEX_SPIN_US'] = 'pool=fast';
    const htex = new HighThroughputExecutor({ label: 'htex_spin' });
    const started = htex.start({ runDir: '/nonexistent/run', logger: new RecordingLogger() });
    await expect(started).rejects.toBeInstanceOf(ExecutorError);
    await expect(started).rejects.toThrow(/htex_spin: PARSL_HTEX_SPIN_US="pool=fast".*pool=600/);
  });
});

describe(`${HighThroughputExecutor.name}.workersPerNode (the strategy's slots per node)`, () => {
  const node = (coresPerNode: number, memPerNode?: number) =>
    Object.assign(
      new FakeExecutionProvider(),
      memPerNode === undefined ? { coresPerNode } : { coresPerNode, memPerNode },
    );

  it("counts the provider's cores per node over coresPerWorker, capped by maxWorkers", () => {
    const htex = (o: { maxWorkers?: number; coresPerWorker?: number }) =>
      new HighThroughputExecutor({ label: 'h', provider: node(8), ...o }).workersPerNode;
    expect([htex({}), htex({ coresPerWorker: 3 }), htex({ maxWorkers: 2 })]).toEqual([8, 2, 2]);
  });

  it("limits them by the provider's memory per node over memPerWorker, as the pools will", () => {
    const htex = new HighThroughputExecutor({
      label: 'h',
      provider: node(8, 4),
      memPerWorker: 1.5,
    });
    expect(htex.workersPerNode).toBe(2);
    const unknownMemory = new HighThroughputExecutor({
      label: 'h',
      provider: node(8),
      memPerWorker: 1.5,
    });
    expect(unknownMemory.workersPerNode).toBe(8);
  });

  it('never counts fewer than one worker', () => {
    const htex = new HighThroughputExecutor({ label: 'h', provider: node(8, 1), memPerWorker: 4 });
    expect(htex.workersPerNode).toBe(1);
  });
});
