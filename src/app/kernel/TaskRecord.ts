import type { TaskState } from '../../domain/task/TaskState.js';
import type { AppDefinition } from '../apps/AppDefinition.js';
import type { SpecialArgsInput } from '../apps/special.js';
import type { AppFuture } from '../futures/AppFuture.js';
import type { Future } from '../futures/Future.js';

/**
 * The kernel's bookkeeping for one task. Mutable on purpose: it is on the hot path and never leaves
 * the kernel. Released from the task table once final (garbageCollect).
 * Parsl: parsl.dataflow.taskrecord.TaskRecord
 */
export interface TaskRecord {
  readonly id: number;
  readonly app: AppDefinition;
  /** Call arguments without the SpecialArgs holder; futures stay until launch. */
  readonly args: readonly unknown[];
  readonly specialArgs: SpecialArgsInput | undefined;
  readonly executor: string;
  readonly future: AppFuture<unknown>;
  /** Futures this task waits for. */
  readonly dependencies: readonly Future<unknown>[];
  state: TaskState;
  tryId: number;
  failCount: number;
  failCost: number;
  pendingDependencies: number;
  memoKey: string | undefined;
}
