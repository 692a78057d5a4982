import { Observable, Subject } from 'rxjs';
import type { KernelEvent, TaskStateEvent } from '../../domain/task/TaskEvent.js';
import type { TaskState } from '../../domain/task/TaskState.js';
import type { Clock } from '../../ports/Clock.js';
import type {
  KernelEventRecorder,
  KernelEventSink,
  KernelEventSource,
} from '../../ports/KernelEventSink.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The kernel's events, delivered three ways: to recorders, called with a task-state change's
 * fields as arguments (the monitoring hub: nothing is built per change); to sinks, called with one
 * reused task-state object (the progress line); and on `events$` (rxjs) as fresh immutable
 * objects, built only while somebody subscribes. Scaling, block and workflow events go every way
 * as one fresh object.
 */
export class KernelEventBus implements KernelEventSource {
  public readonly events$: Observable<KernelEvent>;
  private readonly subject = new Subject<KernelEvent>();
  private sinks: readonly KernelEventSink[] = [];
  private recorders: readonly KernelEventRecorder[] = [];
  private readonly scratch: Mutable<TaskStateEvent> = {
    type: 'task-state',
    taskId: 0,
    appName: '',
    executor: '',
    tryId: 0,
    from: undefined,
    to: 'pending',
    at: 0,
    error: undefined,
    dependsOn: undefined,
  };

  private clockWarmUp: Promise<void> | undefined;
  /** Subscribers of `events$`. */
  private subscribers = 0;
  /** Whether a task-state change goes anywhere (kept current on every add and remove). */
  private wanted = false;
  /** The one recorder, while it is the only observer (kept current on every add and remove). */
  private sole: KernelEventRecorder | undefined;

  /**
   * @param clock the kernel's clock: observers read it for every change, so adding one tells the
   *   clock to get ready (`Clock.expectDenseReads`)
   */
  public constructor(private readonly clock?: Clock) {
    // Counted, so that the hot path reads one field instead of asking the subject.
    this.events$ = new Observable<KernelEvent>((subscriber) => {
      this.subscribers += 1;
      this.refresh();
      const subscription = this.subject.subscribe(subscriber);
      return () => {
        subscription.unsubscribe();
        this.subscribers -= 1;
        this.refresh();
      };
    });
  }

  /** Settles once the clock is ready for the observers added so far (at once without any). */
  public get clockReady(): Promise<void> {
    return this.clockWarmUp ?? Promise.resolve();
  }

  /** True when a task-state change has anybody to go to (else the kernel skips building it). */
  public get wantsTaskStates(): boolean {
    return this.wanted;
  }

  /**
   * The recorder, when it is the only observer (no other recorder, no sink, nobody on `events$`):
   * {@link taskState} then hands each change straight to it, skipping the fan-out.
   */
  public get soleRecorder(): KernelEventRecorder | undefined {
    return this.sole;
  }

  public addEventRecorder(recorder: KernelEventRecorder): () => void {
    this.observerAdded();
    this.recorders = [...this.recorders, recorder];
    this.refresh();
    return () => {
      this.recorders = this.recorders.filter((r) => r !== recorder);
      this.refresh();
    };
  }

  public addEventSink(sink: KernelEventSink): () => void {
    this.observerAdded();
    this.sinks = [...this.sinks, sink];
    this.refresh();
    return () => {
      this.sinks = this.sinks.filter((s) => s !== sink);
      this.refresh();
    };
  }

  /** Delivers a task-state change (arguments, so that no object is built for recorders and sinks). */
  public taskState(
    taskId: number,
    appName: string,
    executor: string,
    tryId: number,
    from: TaskState | undefined,
    to: TaskState,
    at: number,
    error: string | undefined,
    dependsOn: readonly number[] | undefined,
  ): void {
    // The common case, the monitoring hub alone: no loop, no sink or subscriber checks.
    const sole = this.sole;
    if (sole !== undefined) {
      sole.taskState(taskId, appName, executor, tryId, to, at, error, dependsOn);
      return;
    }
    // Indexed loop: a for-of allocates an iterator per change until the JIT has optimized this.
    const recorders = this.recorders;
    for (let i = 0; i < recorders.length; i += 1)
      recorders[i]?.taskState(taskId, appName, executor, tryId, to, at, error, dependsOn);
    const sinks = this.sinks;
    if (sinks.length > 0) {
      const e = this.scratch;
      e.taskId = taskId;
      e.appName = appName;
      e.executor = executor;
      e.tryId = tryId;
      e.from = from;
      e.to = to;
      e.at = at;
      e.error = error;
      e.dependsOn = dependsOn;
      for (let i = 0; i < sinks.length; i += 1) sinks[i]?.(e);
    }
    if (this.subscribers > 0) {
      this.subject.next({
        type: 'task-state',
        taskId,
        appName,
        executor,
        tryId,
        from,
        to,
        at,
        error,
        dependsOn,
      });
    }
  }

  /** Delivers any other event (or a task-state event object the caller built). */
  public emit(event: KernelEvent): void {
    if (event.type === 'task-state') {
      for (const r of this.recorders)
        r.taskState(
          event.taskId,
          event.appName,
          event.executor,
          event.tryId,
          event.to,
          event.at,
          event.error,
          event.dependsOn,
        );
    } else {
      for (const r of this.recorders) r.event(event);
    }
    for (const sink of this.sinks) sink(event);
    this.subject.next(event);
  }

  private refresh(): void {
    this.wanted = this.recorders.length > 0 || this.sinks.length > 0 || this.subscribers > 0;
    this.sole =
      this.recorders.length === 1 && this.sinks.length === 0 && this.subscribers === 0
        ? this.recorders[0]
        : undefined;
  }

  private observerAdded(): void {
    this.clockWarmUp = this.clock?.expectDenseReads?.() ?? this.clockWarmUp;
  }

  /** Ends `events$`; sinks are dropped. */
  public complete(): void {
    this.sinks = [];
    this.recorders = [];
    this.refresh();
    this.subject.complete();
  }
}
