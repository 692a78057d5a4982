import { Container, type ContainerModule } from 'inversify';
import { FileCheckpointStore } from '../../adapters/checkpoint/FileCheckpointStore.js';
import { InProcessExecutor } from '../../adapters/executors/InProcessExecutor.js';
import { FileLogger } from '../../adapters/logging/FileLogger.js';
import { NullLogger } from '../../adapters/logging/NullLogger.js';
import { CoarseClock } from '../../adapters/system/CoarseClock.js';
import { IntervalTicker } from '../../adapters/system/IntervalTicker.js';
import type { Clock } from '../../ports/Clock.js';
import { TOKENS } from '../../ports/tokens.js';
import type { ParslConfig } from '../config/ParslConfig.js';
import { defaultStaging } from '../config/staging/defaultStaging.js';
import { DataFlowKernel } from '../kernel/DataFlowKernel.js';
import { DataManager } from '../kernel/DataManager.js';
import { JobStatusPoller } from '../kernel/JobStatusPoller.js';
import { KernelEventBus } from '../kernel/KernelEventBus.js';
import { Memoizer, type MemoizerOptions } from '../kernel/Memoizer.js';
import type { RunInfo } from '../kernel/runDirectory.js';
import { buildDataManager } from '../kernel/staging/buildDataManager.js';
import { APP_TOKENS } from './appTokens.js';
import { createExecutor } from './executorFactories.js';

/** Options of {@link buildContainer}. */
export interface BuildContainerOptions {
  /** Loaded last: rebind ports to fakes in tests, or bind more executors (TOKENS.Executor). */
  readonly overrides?: readonly ContainerModule[];
}

/**
 * The composition root: maps a validated config to bindings. Executors are a multi-binding of
 * TOKENS.Executor (one per config node, plus the config's Executor instances, plus any bound by
 * `overrides`); the kernel takes them all.
 */
export const buildContainer = (
  config: ParslConfig,
  run: RunInfo,
  options: BuildContainerOptions = {},
): Container => {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(APP_TOKENS.Config).toConstantValue(config);
  container.bind(APP_TOKENS.RunInfo).toConstantValue(run);
  // Date.now() semantics; cheap while monitoring stamps every task-state change
  container.bind(TOKENS.Clock).toConstantValue(new CoarseClock());
  container
    .bind(KernelEventBus)
    .toResolvedValue((clock: Clock) => new KernelEventBus(clock), [TOKENS.Clock]);
  container
    .bind(TOKENS.Logger)
    .toDynamicValue(() =>
      config.initializeLogging
        ? new FileLogger({ path: `${run.runDir}/parsl.log`, level: config.logLevel })
        : new NullLogger(),
    );
  for (const executorConfig of config.executors) {
    container
      .bind(TOKENS.Executor)
      .toDynamicValue(() => createExecutor(executorConfig, { runDir: run.runDir }));
  }
  for (const executor of config.customExecutors)
    container.bind(TOKENS.Executor).toConstantValue(executor);
  container
    .bind(APP_TOKENS.InternalExecutor)
    .toConstantValue(new InProcessExecutor({ label: '_parsl_internal' }));
  container
    .bind(TOKENS.CheckpointStore)
    .toResolvedValue(
      (clock: Clock) => new FileCheckpointStore({ runDir: run.runDir }, clock),
      [TOKENS.Clock],
    );
  container
    .bind(Memoizer)
    .toDynamicValue(
      (context) =>
        new Memoizer(
          memoizerOptions(config, run),
          context.get(TOKENS.CheckpointStore),
          context.getAll(TOKENS.IdForMemo, { optional: true }),
          context.get(TOKENS.Logger),
          context.get(TOKENS.Clock),
        ),
    );
  container
    .bind(TOKENS.Ticker)
    .toDynamicValue((context) => new IntervalTicker(context.get(TOKENS.Logger)));
  container.bind(JobStatusPoller).toDynamicValue((context) => {
    const events = context.get(KernelEventBus);
    return new JobStatusPoller(
      {
        strategy: config.strategy,
        maxIdletime: config.maxIdletime,
        strategyPeriodMs: config.strategyPeriod * 1000,
        blockErrorHandler: config.blockErrorHandler,
      },
      {
        clock: context.get(TOKENS.Clock),
        ticker: context.get(TOKENS.Ticker),
        logger: context.get(TOKENS.Logger),
        emit: (event) => events.emit(event),
      },
    );
  });
  // Staging: the default list (multi-binding; users add providers by binding more) and the DataManager.
  for (const provider of defaultStaging())
    container.bind(TOKENS.StagingProvider).toConstantValue(provider);
  container
    .bind(DataManager)
    .toDynamicValue((context) =>
      buildDataManager(config, context.getAll(TOKENS.StagingProvider), context.get(TOKENS.Logger)),
    );
  container.bind(DataFlowKernel).toSelf();
  for (const module of options.overrides ?? []) container.load(module);
  return container;
};

/** Builds the container and takes the kernel from it: the one `container.get` outside tests. */
export const kernelFrom = (container: Container): DataFlowKernel => container.get(DataFlowKernel);

const memoizerOptions = (config: ParslConfig, run: RunInfo): MemoizerOptions => ({
  appCache: config.appCache,
  checkpointFiles: config.checkpointFiles,
  runDir: run.runDir,
  dedupeInFlight: config.dedupeInFlight,
  ...(config.checkpointMode === undefined ? {} : { checkpointMode: config.checkpointMode }),
  ...(config.checkpointPeriod === undefined ? {} : { checkpointPeriod: config.checkpointPeriod }),
});
