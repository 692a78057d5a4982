import type { ServiceIdentifier } from 'inversify';
import type { Subject } from 'rxjs';
import type { KernelEvent } from '../../domain/task/TaskEvent.js';
import type { Executor } from '../../ports/Executor.js';
import type { ParslConfig } from '../config/ParslConfig.js';
import type { RunInfo } from '../kernel/runDirectory.js';

const token = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`parsl-ts/app/${name}`);

/** Tokens of app-level services (ports have theirs in src/ports/tokens.ts). */
export const APP_TOKENS = {
  Config: token<ParslConfig>('Config'),
  RunInfo: token<RunInfo>('RunInfo'),
  /** The kernel's own in-process executor for join apps. */
  InternalExecutor: token<Executor>('InternalExecutor'),
  /** The kernel's event stream: the kernel, the job-status poller and monitoring share it. */
  KernelEvents: token<Subject<KernelEvent>>('KernelEvents'),
} as const;
