import { afterEach, describe, expect, it } from 'vitest';
import { HighThroughputExecutor } from '../../../src/adapters/executors/HighThroughputExecutor.js';
import { ExecutorError } from '../../../src/domain/errors/ExecutorErrors.js';
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
