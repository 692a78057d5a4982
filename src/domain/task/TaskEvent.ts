import type { JobState } from '../job/JobState.js';
import type { TaskState } from './TaskState.js';

/** A task changed state. Emitted on `kernel.events$` in the order the kernel saw it. */
export interface TaskStateEvent {
  readonly type: 'task-state';
  readonly taskId: number;
  readonly appName: string;
  readonly executor: string;
  readonly tryId: number;
  readonly from: TaskState | undefined;
  readonly to: TaskState;
  /** Milliseconds since the epoch. */
  readonly at: number;
  /** For failures: the error's message. */
  readonly error?: string | undefined;
  /** For a new task: ids of the tasks it depends on. */
  readonly dependsOn?: readonly number[] | undefined;
}

/** The run started or ended. */
export interface WorkflowEvent {
  readonly type: 'workflow-start' | 'workflow-end';
  readonly runId: string;
  readonly runDir: string;
  readonly at: number;
}

/** The scaling strategy (or the initial scale-out) changed an executor's blocks. */
export interface ScalingEvent {
  readonly type: 'scaling';
  readonly executor: string;
  readonly action: 'scale-out' | 'scale-in';
  /** Blocks the strategy asked for. */
  readonly blocks: number;
  /** Block ids actually started or cancelled. */
  readonly blockIds: readonly string[];
  /** Why, e.g. "slots/tasks < parallelism=1 (tasks=5, activeBlocks=1, slots=2)". */
  readonly reason: string;
  readonly at: number;
}

/** A block's job changed state (as polled from its provider). */
export interface BlockStatusEvent {
  readonly type: 'block-status';
  readonly executor: string;
  readonly blockId: string;
  readonly state: JobState;
  readonly previous: JobState | undefined;
  readonly message?: string;
  readonly exitCode?: number;
  readonly at: number;
}

/** Everything the kernel reports on `events$`; other issues extend this union. */
export type KernelEvent = TaskStateEvent | WorkflowEvent | ScalingEvent | BlockStatusEvent;
