import { describe, expect, it } from 'vitest';
import { describeExecutionProviderContract } from '../contract/executionProviderContract.js';
import { FakeExecutionProvider } from './FakeExecutionProvider.js';

describeExecutionProviderContract(FakeExecutionProvider.name, async () => ({
  provider: new FakeExecutionProvider()
    .whenSubmit('long', { states: ['PENDING', 'RUNNING'] })
    .whenSubmit('ok', { states: ['RUNNING', 'COMPLETED'], exitCode: 0 })
    .whenSubmit('bad', { states: ['RUNNING', 'FAILED'], exitCode: 3 }),
  commands: { long: 'long', succeed: 'ok', fail: 'bad' },
  cleanup: async () => undefined,
}));

describe(FakeExecutionProvider.name, () => {
  it('throws loudly for an unscripted block command', async () => {
    await expect(new FakeExecutionProvider().submit('worker', 1, 'b')).rejects.toThrow(
      /not scripted: worker/,
    );
  });

  it('records submits with their arguments', async () => {
    const fake = new FakeExecutionProvider({ defaultScript: { states: ['RUNNING'] } });
    await fake.submit('worker', 2, 'block-0');
    expect(fake.submitted).toEqual([
      { command: 'worker', tasksPerNode: 2, jobName: 'block-0', jobId: 'fake-1' },
    ]);
  });

  it('reports a forced status', async () => {
    const fake = new FakeExecutionProvider({ defaultScript: { states: ['RUNNING'] } });
    const id = await fake.submit('worker', 1, 'b');
    fake.setStatus(id, { state: 'FAILED', exitCode: 9 });
    expect(await fake.status([id])).toEqual([{ state: 'FAILED', exitCode: 9 }]);
  });
});
