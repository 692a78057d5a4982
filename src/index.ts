/**
 * parsl-ts: parallel scripting for TypeScript. Mark functions as apps, call them to get futures,
 * and let the DataFlowKernel run them on executors as their inputs become ready.
 */
import 'reflect-metadata';

export { app, bashApp, joinApp } from './app/apps/apps.js';
export type { JoinResult, JoinReturn } from './app/apps/apps.js';
export type { AppDefinition, AppKind, AppOptions } from './app/apps/AppDefinition.js';
export type { App } from './app/apps/defineApp.js';
export { special, SpecialArgs } from './app/apps/special.js';
export type { CallArgs, FutureOr, SpecialArgsInput } from './app/apps/special.js';
export { AppFuture } from './app/futures/AppFuture.js';
export { DataFuture } from './app/futures/DataFuture.js';
export { Future } from './app/futures/Future.js';
export { clear, dfk, load } from './app/load.js';
export type { LoadOptions } from './app/load.js';
export { DataFlowKernel } from './app/kernel/DataFlowKernel.js';
export type { CleanupOptions } from './app/kernel/DataFlowKernel.js';
export { ParslConfig } from './app/config/ParslConfig.js';
export type { CheckpointMode, ExecutorConfigInput, ParslConfigInput, RetryHandler, StrategyName } from './app/config/ParslConfig.js';
export { parseConfig } from './app/config/parseConfig.js';
export { ThreadPoolExecutorConfig } from './app/config/executors/ThreadPoolExecutorConfig.js';
export { InProcessExecutorConfig } from './app/config/executors/InProcessExecutorConfig.js';
export { buildContainer } from './app/container/buildContainer.js';
export { APP_TOKENS } from './app/container/appTokens.js';
export { InProcessExecutor } from './adapters/executors/InProcessExecutor.js';
export type { InProcessExecutorOptions } from './adapters/executors/InProcessExecutor.js';
export { FileLogger } from './adapters/logging/FileLogger.js';
export { File } from './domain/staging/File.js';
export { AUTO_LOGNAME, Special } from './domain/task/Special.js';
export type { StdStream } from './domain/task/Special.js';
export { TaskState } from './domain/task/TaskState.js';
export type { KernelEvent, TaskStateEvent, WorkflowEvent } from './domain/task/TaskEvent.js';
export * from './domain/errors/index.js';
export { TOKENS } from './ports/tokens.js';
export type * from './ports/Executor.js';
export type { Channel, CommandResult, ExecuteOptions } from './ports/Channel.js';
export type { Clock } from './ports/Clock.js';
export type { ExecutionProvider, BlockParameters } from './ports/ExecutionProvider.js';
export type { Launcher } from './ports/Launcher.js';
export type { Logger, LogLevel } from './ports/Logger.js';

/** The parsl-ts version. Parsl: parsl.__version__ */
export const VERSION = '0.1.0';
