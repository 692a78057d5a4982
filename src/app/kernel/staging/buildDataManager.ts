import type { Executor } from '../../../ports/Executor.js';
import type { Logger } from '../../../ports/Logger.js';
import type { StagingProvider } from '../../../ports/StagingProvider.js';
import type { ParslConfig } from '../../config/ParslConfig.js';
import { buildStagingProviders } from '../../config/staging/stagingFactories.js';
import { DataManager, type ExecutorStaging } from '../DataManager.js';

const isProviderList = (value: unknown): value is readonly StagingProvider[] =>
  Array.isArray(value) &&
  value.every((p) => typeof (p as Partial<StagingProvider>)?.canStageIn === 'function');

/**
 * The DataManager for a config: each executor config node's `storageAccess` (built from its
 * staging kinds) and `workingDir`; executor instances in the config may carry `storageAccess`
 * (provider objects) and `workingDir` properties too. Executors without a list use `defaults`
 * (the TOKENS.StagingProvider multi-binding: defaultStaging() plus any the user bound).
 */
export const buildDataManager = (
  config: ParslConfig,
  defaults: readonly StagingProvider[],
  logger: Logger,
): DataManager => {
  const executors = new Map<string, ExecutorStaging>();
  for (const node of config.executors) {
    const { storageAccess, workingDir } = node as { storageAccess?: unknown; workingDir?: unknown };
    executors.set(node.label, {
      providers: Array.isArray(storageAccess) ? buildStagingProviders(storageAccess) : defaults,
      workingDir: typeof workingDir === 'string' ? workingDir : undefined,
    });
  }
  for (const executor of config.customExecutors as readonly Executor[]) {
    const { storageAccess, workingDir } = executor as Executor & {
      storageAccess?: unknown;
      workingDir?: unknown;
    };
    executors.set(executor.label, {
      providers: isProviderList(storageAccess) ? storageAccess : defaults,
      workingDir: typeof workingDir === 'string' ? workingDir : undefined,
    });
  }
  return new DataManager(executors, defaults, logger);
};
