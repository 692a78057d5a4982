import type { ServiceIdentifier } from 'inversify';
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
} as const;
