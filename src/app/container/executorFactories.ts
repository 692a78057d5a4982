import { HighThroughputExecutor } from '../../adapters/executors/HighThroughputExecutor.js';
import { InProcessExecutor } from '../../adapters/executors/InProcessExecutor.js';
import { ThreadPoolExecutor } from '../../adapters/executors/ThreadPoolExecutor.js';
import type { Executor } from '../../ports/Executor.js';
import type { ExecutorConfig } from '../config/executors/executorConfigTypes.js';
import { htexOptionsFromConfig } from '../config/executors/HighThroughputExecutorConfig.js';
import { buildAnyProvider, parseAnyProviderConfig } from '../config/providers/anyProvider.js';

/** What an executor factory may use besides its config. */
export interface ExecutorDeps {
  readonly runDir: string;
}

/** One factory per executor `kind`; exhaustive, so a new kind without a factory does not compile. */
export const executorFactories = {
  'thread-pool': (c, _d) => new ThreadPoolExecutor(c),
  'in-process': (c, _d) => new InProcessExecutor(c),
  htex: (c, d) => {
    const provider =
      c.provider === undefined
        ? undefined
        : buildAnyProvider(parseAnyProviderConfig(c.provider, `executors[${c.label}].provider`), {
            runDir: d.runDir,
            executorLabel: c.label,
          });
    return new HighThroughputExecutor(htexOptionsFromConfig(c, provider));
  },
} satisfies {
  [K in ExecutorConfig['kind']]: (
    config: Extract<ExecutorConfig, { kind: K }>,
    deps: ExecutorDeps,
  ) => Executor;
};

/** Builds the executor for one config node. */
export const createExecutor = (config: ExecutorConfig, deps: ExecutorDeps): Executor =>
  (executorFactories[config.kind] as (c: ExecutorConfig, d: ExecutorDeps) => Executor)(
    config,
    deps,
  );
