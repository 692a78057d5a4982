/**
 * parsl-ts: parallel scripting for TypeScript. Mark functions as apps, call them to get futures,
 * and let the DataFlowKernel run them on executors as their inputs become ready.
 */
import 'reflect-metadata';

export type { FileCheckpointStoreOptions } from './adapters/checkpoint/FileCheckpointStore.js';
export { FileCheckpointStore } from './adapters/checkpoint/FileCheckpointStore.js';
export type { InProcessExecutorOptions } from './adapters/executors/InProcessExecutor.js';
export { InProcessExecutor } from './adapters/executors/InProcessExecutor.js';
export type { ThreadPoolExecutorOptions } from './adapters/executors/ThreadPoolExecutor.js';
export { ThreadPoolExecutor } from './adapters/executors/ThreadPoolExecutor.js';
export { isParslWorker } from './adapters/executors/worker/isParslWorker.js';
export { FileLogger } from './adapters/logging/FileLogger.js';
export {
  FtpInTaskStaging,
  type FtpInTaskStagingOptions,
} from './adapters/staging/FtpInTaskStaging.js';
export {
  FtpSeparateTaskStaging,
  type FtpSeparateTaskStagingOptions,
} from './adapters/staging/FtpSeparateTaskStaging.js';
export { GlobusStaging, type GlobusStagingOptions } from './adapters/staging/GlobusStaging.js';
export {
  HttpInTaskStaging,
  type HttpInTaskStagingOptions,
} from './adapters/staging/HttpInTaskStaging.js';
export {
  HttpSeparateTaskStaging,
  type HttpSeparateTaskStagingOptions,
} from './adapters/staging/HttpSeparateTaskStaging.js';
export { NoOpFileStaging } from './adapters/staging/NoOpFileStaging.js';
export { RsyncStaging, type RsyncStagingOptions } from './adapters/staging/RsyncStaging.js';
export type { AppDefinition, AppKind, AppOptions } from './app/apps/AppDefinition.js';
export type { JoinResult, JoinReturn } from './app/apps/apps.js';
export { app, bashApp, joinApp } from './app/apps/apps.js';
export type { App } from './app/apps/defineApp.js';
export type { CallArgs, FutureOr, SpecialArgsInput } from './app/apps/special.js';
export { SpecialArgs, special } from './app/apps/special.js';
export { InProcessExecutorConfig } from './app/config/executors/InProcessExecutorConfig.js';
export { ThreadPoolExecutorConfig } from './app/config/executors/ThreadPoolExecutorConfig.js';
export { MonitoringConfig } from './app/config/MonitoringConfig.js';
export type {
  CheckpointMode,
  ExecutorConfigInput,
  ParslConfigInput,
  RetryHandler,
  StrategyName,
} from './app/config/ParslConfig.js';
export { ParslConfig } from './app/config/ParslConfig.js';
export { parseConfig } from './app/config/parseConfig.js';
export { DEFAULT_STAGING_KINDS, defaultStaging } from './app/config/staging/defaultStaging.js';
export type { StagingConfig, StagingConfigInput } from './app/config/staging/stagingConfigTypes.js';
export { APP_TOKENS } from './app/container/appTokens.js';
export { buildContainer } from './app/container/buildContainer.js';
export { AppFuture } from './app/futures/AppFuture.js';
export { DataFuture } from './app/futures/DataFuture.js';
export { Future } from './app/futures/Future.js';
export { getAllCheckpoints, getLastCheckpoint } from './app/kernel/checkpointDirs.js';
export type { CleanupOptions } from './app/kernel/DataFlowKernel.js';
export { DataFlowKernel } from './app/kernel/DataFlowKernel.js';
export type { LoadOptions } from './app/load.js';
export { clear, dfk, load } from './app/load.js';
export * from './domain/errors/index.js';
export { File } from './domain/staging/File.js';
export type { StdStream } from './domain/task/Special.js';
export { AUTO_LOGNAME, Special } from './domain/task/Special.js';
export type { KernelEvent, TaskStateEvent, WorkflowEvent } from './domain/task/TaskEvent.js';
export { TaskState } from './domain/task/TaskState.js';
export type { Channel, CommandResult, ExecuteOptions } from './ports/Channel.js';
export type {
  CheckpointRecord,
  CheckpointStore,
  CheckpointWriteResult,
  SkippedRecord,
} from './ports/CheckpointStore.js';
export type { Clock } from './ports/Clock.js';
export type { BlockParameters, ExecutionProvider } from './ports/ExecutionProvider.js';
export type * from './ports/Executor.js';
export type { IdForMemo } from './ports/IdForMemo.js';
export { idForMemo } from './ports/IdForMemo.js';
export type { Launcher } from './ports/Launcher.js';
export type { Logger, LogLevel } from './ports/Logger.js';
// Staging (issue 6): the port, the providers, their config and the default list.
export type {
  InTaskStagingStep,
  StagingContext,
  StagingJson,
  StagingProvider,
} from './ports/StagingProvider.js';
export { TOKENS } from './ports/tokens.js';

export { VERSION } from './version.js';
