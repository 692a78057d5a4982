/**
 * parsl-ts: parallel scripting for TypeScript. Mark functions as apps, call them to get futures,
 * and let the DataFlowKernel run them on executors as their inputs become ready.
 */
import 'reflect-metadata';

export type { LocalChannelOptions } from './adapters/channels/LocalChannel.js';
export { LocalChannel } from './adapters/channels/LocalChannel.js';
export type { OAuthSshChannelOptions } from './adapters/channels/OAuthSshChannel.js';
export { OAuthSshChannel } from './adapters/channels/OAuthSshChannel.js';
export type { SshChannelOptions } from './adapters/channels/SshChannel.js';
export { SshChannel } from './adapters/channels/SshChannel.js';
export type { SshInteractiveLoginChannelOptions } from './adapters/channels/SshInteractiveLoginChannel.js';
export { SshInteractiveLoginChannel } from './adapters/channels/SshInteractiveLoginChannel.js';
export type { FileCheckpointStoreOptions } from './adapters/checkpoint/FileCheckpointStore.js';
export { FileCheckpointStore } from './adapters/checkpoint/FileCheckpointStore.js';
export type { HighThroughputExecutorOptions } from './adapters/executors/HighThroughputExecutor.js';
export { HighThroughputExecutor } from './adapters/executors/HighThroughputExecutor.js';
export type { InProcessExecutorOptions } from './adapters/executors/InProcessExecutor.js';
export { InProcessExecutor } from './adapters/executors/InProcessExecutor.js';
export type { ThreadPoolExecutorOptions } from './adapters/executors/ThreadPoolExecutor.js';
export { ThreadPoolExecutor } from './adapters/executors/ThreadPoolExecutor.js';
export { isParslWorker } from './adapters/executors/worker/isParslWorker.js';
export type { AprunLauncherOptions } from './adapters/launchers/AprunLauncher.js';
export { AprunLauncher } from './adapters/launchers/AprunLauncher.js';
export type { GnuParallelLauncherOptions } from './adapters/launchers/GnuParallelLauncher.js';
export { GnuParallelLauncher } from './adapters/launchers/GnuParallelLauncher.js';
export type { JsrunLauncherOptions } from './adapters/launchers/JsrunLauncher.js';
export { JsrunLauncher } from './adapters/launchers/JsrunLauncher.js';
export type { MpiExecLauncherOptions } from './adapters/launchers/MpiExecLauncher.js';
export { MpiExecLauncher } from './adapters/launchers/MpiExecLauncher.js';
export type { MpiRunLauncherOptions } from './adapters/launchers/MpiRunLauncher.js';
export { MpiRunLauncher } from './adapters/launchers/MpiRunLauncher.js';
export type { SimpleLauncherOptions } from './adapters/launchers/SimpleLauncher.js';
export { SimpleLauncher } from './adapters/launchers/SimpleLauncher.js';
export type { SingleNodeLauncherOptions } from './adapters/launchers/SingleNodeLauncher.js';
export { SingleNodeLauncher } from './adapters/launchers/SingleNodeLauncher.js';
export type { SrunLauncherOptions } from './adapters/launchers/SrunLauncher.js';
export { SrunLauncher } from './adapters/launchers/SrunLauncher.js';
export type { SrunMPILauncherOptions } from './adapters/launchers/SrunMPILauncher.js';
export { SrunMPILauncher } from './adapters/launchers/SrunMPILauncher.js';
export type { WrappedLauncherOptions } from './adapters/launchers/WrappedLauncher.js';
export { WrappedLauncher } from './adapters/launchers/WrappedLauncher.js';
export { FileLogger } from './adapters/logging/FileLogger.js';
export { NullLogger } from './adapters/logging/NullLogger.js';
export {
  TerminalProgress,
  type TerminalProgressOptions,
} from './adapters/monitoring/TerminalProgress.js';
export { TypeOrmMonitoringStore } from './adapters/monitoring/TypeOrmMonitoringStore.js';
export type { AdHocProviderOptions } from './adapters/providers/AdHocProvider.js';
export { AdHocProvider } from './adapters/providers/AdHocProvider.js';
export type { ClusterProviderOptions } from './adapters/providers/ClusterProvider.js';
export type { CobaltProviderOptions } from './adapters/providers/CobaltProvider.js';
export { CobaltProvider } from './adapters/providers/CobaltProvider.js';
export type { CondorProviderOptions } from './adapters/providers/CondorProvider.js';
export { CondorProvider } from './adapters/providers/CondorProvider.js';
export type { GridEngineProviderOptions } from './adapters/providers/GridEngineProvider.js';
export { GridEngineProvider } from './adapters/providers/GridEngineProvider.js';
export type { LocalProviderOptions } from './adapters/providers/LocalProvider.js';
export { LocalProvider } from './adapters/providers/LocalProvider.js';
export type { LsfProviderOptions } from './adapters/providers/LsfProvider.js';
export { LsfProvider } from './adapters/providers/LsfProvider.js';
export type { PbsProProviderOptions } from './adapters/providers/PbsProProvider.js';
export { PbsProProvider } from './adapters/providers/PbsProProvider.js';
export type { SlurmProviderOptions } from './adapters/providers/SlurmProvider.js';
export { SlurmProvider } from './adapters/providers/SlurmProvider.js';
export type { TorqueProviderOptions } from './adapters/providers/TorqueProvider.js';
export { TorqueProvider } from './adapters/providers/TorqueProvider.js';
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
export { HighThroughputExecutorConfig } from './app/config/executors/HighThroughputExecutorConfig.js';
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
export {
  type AttachMonitoringOptions,
  attachMonitoring,
  attachMonitoringInThread,
  type MonitoringHandle,
} from './app/monitoring/attachMonitoring.js';
export { createMonitoringStore } from './app/monitoring/createMonitoringStore.js';
export * from './domain/errors/index.js';
export type { JobStatus } from './domain/job/JobState.js';
export { isTerminalJobState, JobState } from './domain/job/JobState.js';
export { computeScalingDecision } from './domain/scaling/computeScalingDecision.js';
export type {
  ScalingDecision,
  ScalingInput,
  ScalingStrategyName,
} from './domain/scaling/ScalingInput.js';
export { File } from './domain/staging/File.js';
export type { StdStream } from './domain/task/Special.js';
export { AUTO_LOGNAME, Special } from './domain/task/Special.js';
export type {
  BlockStatusEvent,
  KernelEvent,
  ScalingEvent,
  TaskStateEvent,
  WorkflowEvent,
} from './domain/task/TaskEvent.js';
export { TaskState } from './domain/task/TaskState.js';
export type { BlockExecutor, ScaleInOptions } from './ports/BlockExecutor.js';
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
