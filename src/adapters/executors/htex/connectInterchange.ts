import { connect, type Socket } from 'node:net';
import { hostname } from 'node:os';
import type { Dealer } from 'zeromq';
import { type ArenaReader, arenaReader } from './arenaReader.js';
import { curveClientOptions, loadClientKeys } from './curveKeys.js';
import type { HtexLog } from './htexLog.js';
import type { FrameSocket } from './Outbox.js';
import { PipeLink } from './PipeLink.js';
import type { PoolOptions } from './poolOptions.js';
import { encodeHeader } from './protocol.js';

/** A pool's link to its interchange. */
export interface InterchangeConnection {
  readonly socket: FrameSocket;
  /** Where it is connected, for the log. */
  readonly address: string;
  close(): void;
}

/**
 * Connects a pool to its interchange, delivering every message to `onMessage`: over the
 * interchange's Unix socket (PipeLink framing) when the pool runs on the executor's host and the
 * run is unencrypted, else with a ZeroMQ DEALER (CURVE when `certDir` is set) to the ipc endpoint
 * on that host, or to the first of the candidate addresses that answers. Undefined when nothing
 * answers within `probeTimeout`.
 */
export const connectInterchange = async (
  options: PoolOptions,
  log: HtexLog,
  onMessage: (frames: Buffer[]) => void,
): Promise<InterchangeConnection | undefined> => {
  const { ipc, ipcHost, certDir } = options;
  const local = ipc?.startsWith('ipc://') === true && ipcHost === hostname();
  if (local && certDir === undefined) {
    const path = ipc.slice('ipc://'.length);
    const reader = arenaReader();
    const stream = await connectUnix(path, options.probeTimeout * 1000, reader);
    if (stream === undefined) return undefined;
    const link = new PipeLink(
      stream,
      onMessage,
      () =>
        log.warn('the interchange closed the link; waiting for it until the heartbeat threshold'),
      reader,
    );
    return { socket: link, address: ipc, close: () => link.close() };
  }
  const zmq = await import('zeromq');
  const address = local ? ipc : await probe(zmq, options);
  if (address === undefined) return undefined;
  const curve = certDir === undefined ? {} : curveClientOptions(loadClientKeys(certDir));
  const dealer = new zmq.Dealer({
    routingId: options.managerId,
    sendHighWaterMark: 0,
    receiveHighWaterMark: 0,
    linger: 0,
    reconnectInterval: 20,
    ...curve,
  });
  dealer.connect(address);
  void receive(dealer, onMessage, log);
  return { socket: dealer, address, close: () => dealer.close() };
};

const receive = async (
  dealer: Dealer,
  onMessage: (frames: Buffer[]) => void,
  log: HtexLog,
): Promise<void> => {
  try {
    for await (const frames of dealer) onMessage(frames);
  } catch (error: unknown) {
    if (!dealer.closed) log.error(`interchange socket failed: ${String(error)}`);
  }
};

/** Connects to a Unix socket, retrying while the interchange is still starting. */
const connectUnix = async (
  path: string,
  timeoutMs: number,
  reader: ArenaReader,
): Promise<Socket | undefined> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const socket = await new Promise<Socket | undefined>((resolve) => {
      const attempt = connect({ path, onread: reader.onread });
      attempt.once('connect', () => {
        attempt.removeAllListeners('error');
        resolve(attempt);
      });
      attempt.once('error', () => {
        attempt.destroy();
        resolve(undefined);
      });
    });
    if (socket !== undefined) return socket;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** The first TCP candidate that answers a heartbeat (one candidate is taken as is). */
const probe = async (
  zmq: typeof import('zeromq'),
  options: PoolOptions,
): Promise<string | undefined> => {
  const candidates = options.addresses.map(
    (host) => `tcp://${host.includes(':') ? `[${host}]` : host}:${options.port}`,
  );
  if (candidates.length === 1) return candidates[0];
  const curve =
    options.certDir === undefined ? {} : curveClientOptions(loadClientKeys(options.certDir));
  const probes = candidates.map((address) => {
    const socket = new zmq.Dealer({
      linger: 0,
      receiveTimeout: options.probeTimeout * 1000,
      ...curve,
    });
    socket.connect(address);
    return { address, socket };
  });
  try {
    return await Promise.any(
      probes.map(async ({ address, socket }) => {
        await socket.send(encodeHeader({ t: 'hb' }));
        await socket.receive();
        return address;
      }),
    );
  } catch {
    return undefined;
  } finally {
    for (const { socket } of probes) socket.close();
  }
};
