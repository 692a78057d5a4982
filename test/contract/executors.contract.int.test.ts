import { join } from 'node:path';
import { LocalChannel } from '../../src/adapters/channels/LocalChannel.js';
import { HighThroughputExecutor } from '../../src/adapters/executors/HighThroughputExecutor.js';
import { InProcessExecutor } from '../../src/adapters/executors/InProcessExecutor.js';
import { ThreadPoolExecutor } from '../../src/adapters/executors/ThreadPoolExecutor.js';
import { SingleNodeLauncher } from '../../src/adapters/launchers/SingleNodeLauncher.js';
import { LocalProvider } from '../../src/adapters/providers/LocalProvider.js';
import { describeExecutorContract } from './executorContract.js';

describeExecutorContract(
  InProcessExecutor.name,
  async ({ label }) => ({ executor: new InProcessExecutor({ label }) }),
  {
    knownDiscrepancies: {
      abortFunction:
        'shutdown({ abort: true }) only kills bash processes; a running function attempt stays pending and outstanding() stays 1',
    },
  },
);

describeExecutorContract(ThreadPoolExecutor.name, async ({ label }) => ({
  executor: new ThreadPoolExecutor({ label, maxThreads: 4 }),
}));

describeExecutorContract(
  `${HighThroughputExecutor.name} (one LocalProvider block)`,
  async ({ label, dir }) => ({
    executor: new HighThroughputExecutor({
      label,
      provider: new LocalProvider(
        { initBlocks: 1, minBlocks: 0, maxBlocks: 1, walltime: '00:10:00' },
        new LocalChannel({ scriptDir: join(dir, 'submit_scripts') }),
        new SingleNodeLauncher(),
      ),
      maxWorkers: 4,
      heartbeatPeriod: 1,
      heartbeatThreshold: 10,
    }),
  }),
);
