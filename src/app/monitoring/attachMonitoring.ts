import { hostname, userInfo } from 'node:os';
import { basename, extname } from 'node:path';
import type { Observable } from 'rxjs';
import { MonitoringError } from '../../domain/errors/MonitoringErrors.js';
import type { KernelEventSource } from '../../ports/KernelEventSink.js';
import type { Logger } from '../../ports/Logger.js';
import type { MonitoringStore } from '../../ports/MonitoringStore.js';
import { MonitoringHub, type MonitoringHubOptions, type MonitoringStats } from './MonitoringHub.js';
import { type HubThreadDatabase, MonitoringHubThread } from './MonitoringHubThread.js';
import type { MonitoringInput } from './MonitoringInput.js';

/** What `attachMonitoring` gives back to the kernel. */
export interface MonitoringHandle {
  /** Records an input that does not come through `events$` (e.g. a worker's report). */
  record(input: MonitoringInput): void;
  /** Samples a task's process at the resource interval until the returned function is called. */
  watchProcess(taskId: number, tryId: number, pid: number): () => void;
  /** Writes what is waiting now. */
  flush(): Promise<void>;
  getStats(): MonitoringStats;
  /** Unsubscribes, writes everything left (see MonitoringHub.close) and closes the store. */
  close(): Promise<void>;
}

/** Options of {@link attachMonitoring}; identity fields default from the process. */
export type AttachMonitoringOptions = Omit<MonitoringHubOptions, 'workflowName' | 'host' | 'user'> &
  Partial<Pick<MonitoringHubOptions, 'workflowName' | 'host' | 'user'>>;

/**
 * Opens `store`, follows `events` (as a recorder of the kernel or its event bus, the cheap way, or
 * by subscribing to an observable such as `kernel.events$`) and records every event in batches
 * until `close()`.
 * Attach before the kernel emits `workflow-start`, or pass `runId` and `runDir`.
 * The workflow name defaults to the user's script (process.argv[1]) without its extension.
 * @throws {MonitoringError} when the store cannot be opened
 * Parsl: MonitoringHub.start(run_id)
 */
export const attachMonitoring = async (
  events: KernelEventSource | Observable<MonitoringInput>,
  store: MonitoringStore,
  options: AttachMonitoringOptions,
  logger: Logger,
): Promise<MonitoringHandle> => {
  try {
    await store.open();
  } catch (error: unknown) {
    throw error instanceof MonitoringError
      ? error
      : new MonitoringError(`attachMonitoring: cannot open ${store.location}`, { cause: error });
  }
  const hub = new MonitoringHub(store, withIdentity(options), logger);
  logger.info(`monitoring: recording to ${store.location}`);
  return follow(events, hub, logger);
};

/**
 * As {@link attachMonitoring}, with the hub and its store in a worker thread of their own
 * ({@link MonitoringHubThread}): only logging each change stays on the kernel's thread.
 * @throws {MonitoringError} when the database cannot be opened
 */
export const attachMonitoringInThread = async (
  events: KernelEventSource | Observable<MonitoringInput>,
  database: HubThreadDatabase,
  options: AttachMonitoringOptions,
  logger: Logger,
): Promise<MonitoringHandle> => {
  const hub = await MonitoringHubThread.start(database, withIdentity(options), logger);
  logger.info(`monitoring: recording to ${hub.location} (from a worker thread)`);
  return follow(events, hub, logger);
};

/** What attachMonitoring needs of a hub: MonitoringHub and MonitoringHubThread. */
type Hub = Pick<
  MonitoringHub,
  'accept' | 'recorder' | 'watchProcess' | 'flush' | 'getStats' | 'close'
>;

const withIdentity = (options: AttachMonitoringOptions): MonitoringHubOptions => ({
  ...options,
  workflowName: options.workflowName ?? defaultWorkflowName(process.argv[1]),
  host: options.host ?? hostname(),
  user: options.user ?? safeUserName(),
});

/** Feeds `events` to `hub` until the handle is closed. */
const follow = (
  events: KernelEventSource | Observable<MonitoringInput>,
  hub: Hub,
  logger: Logger,
): MonitoringHandle => {
  const detach =
    'addEventRecorder' in events
      ? events.addEventRecorder(hub.recorder)
      : subscribeTo(events, hub, logger);
  return {
    record: (input) => hub.accept(input),
    watchProcess: (taskId, tryId, pid) => hub.watchProcess(taskId, tryId, pid),
    flush: () => hub.flush(),
    getStats: () => hub.getStats(),
    close: async () => {
      detach();
      await hub.close();
    },
  };
};

const subscribeTo = (
  events$: Observable<MonitoringInput>,
  hub: Hub,
  logger: Logger,
): (() => void) => {
  const subscription = events$.subscribe({
    next: (event) => hub.accept(event),
    error: (error: unknown) =>
      logger.warn(`attachMonitoring: the event stream failed (${String(error)}); recording stops`),
  });
  return () => subscription.unsubscribe();
};

/** The user's script name (Parsl bug #973: never a library frame). */
export const defaultWorkflowName = (script: string | undefined): string =>
  script === undefined || script === '' ? 'workflow' : basename(script, extname(script));

const safeUserName = (): string => {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
};
