import type { ServiceIdentifier } from 'inversify';
import type { Channel } from './Channel.js';
import type { CheckpointStore } from './CheckpointStore.js';
import type { Clock } from './Clock.js';
import type { ExecutionProvider } from './ExecutionProvider.js';
import type { Executor } from './Executor.js';
import type { IdForMemo } from './IdForMemo.js';
import type { Launcher } from './Launcher.js';
import type { Logger } from './Logger.js';
import type { MonitoringStore } from './MonitoringStore.js';
import type { StagingProvider } from './StagingProvider.js';
import type { Ticker } from './Ticker.js';

/** Typed service identifier; `Symbol.for` with a namespace survives duplicate module copies. */
const token = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`parsl-ts/${name}`);

/** One token per port. Per-executor collaborators are bound `whenNamed(label)`. */
export const TOKENS = {
  Clock: token<Clock>('Clock'),
  Logger: token<Logger>('Logger'),
  /** Periodic callbacks (the job-status poller). */
  Ticker: token<Ticker>('Ticker'),
  /** Named by executor label. */
  Executor: token<Executor>('Executor'),
  /** Named by executor label. */
  ExecutionProvider: token<ExecutionProvider>('ExecutionProvider'),
  /** Named by executor label. */
  Launcher: token<Launcher>('Launcher'),
  /** Named by executor label. */
  Channel: token<Channel>('Channel'),
  /** Multi-binding, ordered: the default staging list (storageAccess of executors that set none). */
  StagingProvider: token<StagingProvider>('StagingProvider'),
  /** The monitoring database, when `monitoring` is configured. */
  MonitoringStore: token<MonitoringStore>('MonitoringStore'),
  /** Where the Memoizer writes and loads checkpoints (FileCheckpointStore for the run directory). */
  CheckpointStore: token<CheckpointStore>('CheckpointStore'),
  /** Multi-binding, ordered: user key functions for memoization (Parsl's id_for_memo). */
  IdForMemo: token<IdForMemo>('IdForMemo'),
} as const;
