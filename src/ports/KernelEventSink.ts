import type { KernelEvent } from '../domain/task/TaskEvent.js';

/**
 * Receives every kernel event synchronously, in order, on the kernel's thread: the fast way to
 * observe a run (no rxjs, no object per task-state change). A `task-state` event object handed to
 * a sink is reused for the next change once the sink returns: copy the fields you keep. Other
 * events are fresh objects. A sink must not throw.
 */
export type KernelEventSink = (event: KernelEvent) => void;

/** Something sinks can be added to: the kernel (`kernel.addEventSink`) or its event bus. */
export interface KernelEventSource {
  /** Adds `sink`; call the returned function to remove it. */
  addEventSink(sink: KernelEventSink): () => void;
}
