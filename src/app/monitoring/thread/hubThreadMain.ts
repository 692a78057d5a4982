import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { TypeOrmMonitoringStore } from '../../../adapters/monitoring/TypeOrmMonitoringStore.js';
import type { Logger, LogLevel } from '../../../ports/Logger.js';
import { MonitoringHub } from '../MonitoringHub.js';
import type { HubThreadData, HubThreadMessage, HubThreadRequest } from './hubThreadProtocol.js';

// The monitoring hub's thread (see MonitoringHubThread): it turns the parent's events into rows
// and writes them, so that none of that runs on the kernel's event loop.
const port = parentPort;
if (port === null) throw new Error('hubThreadMain: must run in a worker thread');
const data = workerData as HubThreadData;
const post = (message: HubThreadMessage): void => port.postMessage(message);
const line =
  (level: LogLevel) =>
  (message: string): void =>
    post({ type: 'log', level, message });
const logger: Logger = {
  debug: () => undefined,
  info: line('info'),
  warn: line('warn'),
  error: line('error'),
  debugEnabled: false,
  flush: () => undefined,
  close: () => undefined,
};
/**
 * Rows are written on idle cycles: this thread takes the lowest CPU priority (on Linux a thread
 * has a nice value of its own), so that on a busy machine the kernel's thread and its garbage
 * collector keep the cores. Elsewhere, or when not allowed, it keeps the normal priority.
 */
const lowerPriority = (): void => {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 19);
  } catch {
    // not Linux: the normal priority
  }
};
lowerPriority();
const store = new TypeOrmMonitoringStore(data.database);
let hub: MonitoringHub | undefined;

const open = async (): Promise<void> => {
  await store.open();
  hub = new MonitoringHub(store, data.options, logger);
  // The parent's counters follow the hub's every 250 ms (writes finish on their own time).
  const interval = setInterval(() => hub && post({ type: 'stats', stats: hub.getStats() }), 250);
  interval.unref();
};

/** Feeds one `inputs` message to the hub (asking for a write soon when it says so). */
const accept = (
  to: MonitoringHub,
  request: Extract<HubThreadRequest, { type: 'inputs' }>,
): void => {
  to.acceptBatch(request.columns, request.others);
  if (request.flush) void to.flush();
  post({ type: 'stats', stats: to.getStats() });
};

const call = async (request: Exclude<HubThreadRequest, { type: 'inputs' }>): Promise<void> => {
  if (request.type === 'open') return open();
  if (hub === undefined) throw new Error('the hub is not open');
  if (request.type === 'flush-now') return hub.flush();
  await hub.close();
};

let queue: Promise<void> = Promise.resolve();
port.on('message', (request: HubThreadRequest) => {
  queue = queue.then(async () => {
    if (request.type === 'inputs') {
      if (hub !== undefined) accept(hub, request);
      return;
    }
    let ok = true;
    let message = '';
    try {
      await call(request);
    } catch (error: unknown) {
      ok = false;
      message = error instanceof Error ? error.message : String(error);
    }
    post({ type: 'reply', id: request.id, ok, message, stats: hub?.getStats() });
  });
});
