import type { KernelEvent, TaskStateEvent } from '../domain/task/TaskEvent.js';
import type { TaskState } from '../domain/task/TaskState.js';

/**
 * Receives every kernel event synchronously, in order, on the kernel's thread: the simple fast
 * way to observe a run (no rxjs, no object per task-state change). A `task-state` event object
 * handed to a sink is reused for the next change once the sink returns: copy the fields you keep.
 * Other events are fresh objects. A sink must not throw.
 */
export type KernelEventSink = (event: KernelEvent) => void;

/**
 * The fastest observer, for recorders such as the monitoring hub: task-state changes arrive as
 * arguments (nothing is built per change), every other event as a fresh object. Must not throw.
 */
export interface KernelEventRecorder {
  taskState(
    taskId: number,
    appName: string,
    executor: string,
    tryId: number,
    to: TaskState,
    at: number,
    error: string | undefined,
    dependsOn: readonly number[] | undefined,
  ): void;
  event(event: Exclude<KernelEvent, TaskStateEvent>): void;
}

/** Where observers are added: the kernel (`kernel.addEventSink`) or its event bus. */
export interface KernelEventSource {
  /** Adds `sink`; call the returned function to remove it. */
  addEventSink(sink: KernelEventSink): () => void;
  /** Adds `recorder`; call the returned function to remove it. */
  addEventRecorder(recorder: KernelEventRecorder): () => void;
}
