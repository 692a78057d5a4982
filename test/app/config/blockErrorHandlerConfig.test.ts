import { describe, expect, it } from 'vitest';
import type { BlockErrorPolicy } from '../../../src/domain/scaling/blockErrorVerdict.js';
import { load } from '../../../src/index.js';
import { FakeBlockExecutor } from '../../fakes/FakeBlockExecutor.js';
import { FakeExecutionProvider } from '../../fakes/FakeExecutionProvider.js';
import { tempDir } from '../../support/tempRunDir.js';
import { until } from '../../support/until.js';

/** A kernel whose only executor's blocks all fail at once, polled every 10 ms. */
const failingBlocks = async (blockErrorHandler?: BlockErrorPolicy) => {
  const provider = new FakeExecutionProvider({
    initBlocks: 1,
    statusPollingIntervalMs: 10,
    defaultScript: { states: ['FAILED'] },
  });
  const executor = new FakeBlockExecutor('blocks', provider);
  const kernel = await load(
    {
      runDir: tempDir(),
      executors: [executor],
      progress: false,
      ...(blockErrorHandler === undefined ? {} : { blockErrorHandler }),
    },
    { global: false, signals: false },
  );
  await until(() => provider.statusCalls.length >= 3);
  await kernel.cleanup();
  return executor;
};

describe('config.blockErrorHandler', () => {
  it("puts an executor whose blocks all failed in a bad state by default ('simple')", async () => {
    expect((await failingBlocks()).badState?.message).toMatch(/blocks.*failed/s);
  });

  it("leaves it alone with 'none'", async () => {
    expect((await failingBlocks('none')).badState).toBeUndefined();
  });

  it('names the field and the choices for a value it does not know', async () => {
    // A value from untyped input (JSON, JavaScript):
    await expect(failingBlocks('strict' as BlockErrorPolicy)).rejects.toThrow(
      /blockErrorHandler.*simple, windowed, none/,
    );
  });
});
