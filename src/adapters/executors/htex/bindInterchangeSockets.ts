import { join } from 'node:path';
import type { Router } from 'zeromq';
import { bindInRange } from './bindInRange.js';
import { curveServerOptions, loadServerKeys } from './curveKeys.js';
import type { HtexLog } from './htexLog.js';
import type { InterchangeConfig, InterchangePorts } from './Interchange.js';
import { ZapAuthenticator } from './ZapAuthenticator.js';

/** The interchange's two ROUTER sockets, bound, plus the ZAP handler when CURVE is on. */
export interface InterchangeSockets {
  /** Absent when the executor talks over a socket pair (`clientFd`). */
  readonly client: Router | undefined;
  /** With a socket pair: the ipc ROUTER on which the executor sends bursts of tasks. */
  readonly bulk: Router | undefined;
  readonly workers: Router;
  readonly zap: ZapAuthenticator | undefined;
  readonly ports: InterchangePorts;
  /** Unix socket path for same-host pools (PipeLink framing); set for unencrypted runs with an ipcDir. */
  readonly localPools?: string;
}

/**
 * Creates and binds the executor-facing and pool-facing sockets: TCP in the configured ranges, plus
 * `ipc://` endpoints when `ipcDir` is set; CURVE servers with a ZAP handler when `certDir` is set.
 * @throws {Error} when a port cannot be bound
 */
export const bindInterchangeSockets = async (
  config: InterchangeConfig,
  log: HtexLog,
): Promise<InterchangeSockets> => {
  const zmq = await import('zeromq');
  let curve = {};
  let zap: ZapAuthenticator | undefined;
  if (config.certDir !== undefined) {
    const keys = loadServerKeys(config.certDir);
    zap = new ZapAuthenticator([keys.client.publicKey], (address) =>
      log.warn(`refused a CurveZMQ peer from ${address}: its key is not this run's client key`),
    );
    await zap.start();
    curve = curveServerOptions(keys);
  }
  const common = { sendHighWaterMark: 0, receiveHighWaterMark: 0, linger: 0, ...curve };
  const client = config.clientFd === undefined ? new zmq.Router(common) : undefined;
  // Unencrypted runs with a socket pair also take bursts of tasks on a ZeroMQ ipc socket (bulk):
  // its I/O threads move the bytes while the executor's main thread is busy.
  const bulk =
    config.clientFd !== undefined && config.ipcDir !== undefined && config.certDir === undefined
      ? new zmq.Router(common)
      : undefined;
  const workers = new zmq.Router(common);
  const clientPort =
    client === undefined
      ? 0
      : await bindInRange(client, config.clientHost, config.interchangePortRange);
  const workerPort = await bindInRange(
    workers,
    config.workerHost,
    config.workerPortRange,
    config.workerPort,
  );
  let ipc = {};
  if (config.ipcDir !== undefined) {
    const workerIpc = `ipc://${join(config.ipcDir, 'workers.sock')}`;
    // Encrypted runs keep CURVE on every link: same-host pools then use ZeroMQ's ipc transport.
    if (config.certDir !== undefined) await workers.bind(workerIpc);
    ipc = { workerIpc };
    const clientSocket = client ?? bulk;
    if (clientSocket !== undefined) {
      const clientIpc = `ipc://${join(config.ipcDir, 'client.sock')}`;
      await clientSocket.bind(clientIpc);
      ipc = { clientIpc, workerIpc };
    }
  }
  return {
    client,
    bulk,
    workers,
    zap,
    ports: { clientPort, workerPort, ...ipc },
    ...(config.ipcDir === undefined || config.certDir !== undefined
      ? {}
      : { localPools: join(config.ipcDir, 'workers.sock') }),
  };
};
