import { parentPort, workerData } from 'node:worker_threads';
import type { MonitoringBatch } from '../../../ports/MonitoringStore.js';
import {
  TypeOrmMonitoringStore,
  type TypeOrmMonitoringStoreOptions,
} from '../TypeOrmMonitoringStore.js';
import type { StoreReply, StoreRequest } from './storeProtocol.js';

/** Runs a TypeOrmMonitoringStore in a worker thread and answers the parent's calls in order. */
const store = new TypeOrmMonitoringStore(workerData as TypeOrmMonitoringStoreOptions);
const port = parentPort;
if (port === null) throw new Error('storeWorkerMain: must run in a worker thread');

const call = (request: StoreRequest): Promise<unknown> => {
  const [first] = request.args;
  if (request.method === 'write' && typeof first === 'string') {
    // Batches come as one JSON string (see WorkerMonitoringStore.write).
    return store.write(JSON.parse(first) as MonitoringBatch);
  }
  const method = store[request.method] as (...args: unknown[]) => Promise<unknown>;
  return method.apply(store, [...request.args]);
};

let queue: Promise<void> = Promise.resolve();
port.on('message', (request: StoreRequest) => {
  queue = queue.then(async () => {
    let reply: StoreReply;
    try {
      reply = { id: request.id, ok: true, value: await call(request) };
    } catch (error: unknown) {
      reply = {
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      };
    }
    port.postMessage(reply);
  });
});
