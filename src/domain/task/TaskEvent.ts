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
  readonly error?: string;
  /** For a new task: ids of the tasks it depends on. */
  readonly dependsOn?: readonly number[];
}

/** The run started or ended. */
export interface WorkflowEvent {
  readonly type: 'workflow-start' | 'workflow-end';
  readonly runId: string;
  readonly runDir: string;
  readonly at: number;
}

/** Everything the kernel reports on `events$`; other issues extend this union. */
export type KernelEvent = TaskStateEvent | WorkflowEvent;
