import { Socket } from 'node:net';
import type { Router } from 'zeromq';
import { arenaReader } from './arenaReader.js';
import { spinWindowMs } from './hotLoop.js';
import type { HtexLog } from './htexLog.js';
import { Outbox } from './Outbox.js';
import { PipeLink } from './PipeLink.js';
import { decodeHeader, encodeHeader, type Header } from './protocol.js';

/** Receives what the executor sends: a decoded header and the frames after it. */
export type ExecutorMessageHandler = (header: Header | undefined, frames: Buffer[]) => void;

/**
 * The interchange's side of its link to the executor. Normally a socket pair the executor opened
 * as the interchange's fd 3 (private to the two processes: no port, no ZeroMQ I/O threads, one
 * wake-up per message); for an interchange started by hand (`--config`), a ZeroMQ ROUTER socket.
 */
export interface ExecutorLink {
  /** Sends a header-only message; messages before the executor is known wait for it. */
  message(header: Header): void;
  /** Adds a result record to the batch for the executor. */
  result(frame: Buffer): void;
  /** Resolves once everything queued has been handed on. */
  drain(): Promise<void>;
  close(): void;
}

const RESULTS = encodeHeader({ t: 'results' });

/** The link over a socket pair on `fd`; `onClose` runs when the executor's end closes. */
export const pipeExecutorLink = (
  fd: number,
  log: HtexLog,
  onMessage: ExecutorMessageHandler,
  onClose: () => void,
): ExecutorLink => {
  const reader = arenaReader();
  const link = new PipeLink(
    new Socket(reader.socketOptions({ fd, readable: true, writable: true })),
    ([head, ...frames]) => onMessage(decodeHeader(head), frames),
    onClose,
    reader,
  );
  const out = new Outbox(
    link,
    (error) => log.error(`send to executor failed: ${String(error)}`),
    spinWindowMs('interchange'),
  );
  return {
    message: (header) => out.message([encodeHeader(header)]),
    result: (frame) => out.frame('client', [], RESULTS, frame),
    drain: () => out.drain(),
    close: () => {
      out.close();
      link.close();
    },
  };
};

/** The link over a bound ROUTER socket: the executor is the last peer that spoke. */
export const routerExecutorLink = (
  socket: Router,
  log: HtexLog,
  onMessage: ExecutorMessageHandler,
  isClosed: () => boolean,
): ExecutorLink => {
  const out = new Outbox(socket, (error) => log.error(`send to executor failed: ${String(error)}`));
  let clientId: Buffer | undefined;
  const early: Header[] = [];
  const send = (id: Buffer, header: Header): void => out.message([id, encodeHeader(header)]);
  void (async () => {
    try {
      for await (const [id, head, ...frames] of socket) {
        if (id === undefined) continue;
        const first = clientId === undefined;
        clientId = id;
        if (first) for (const header of early.splice(0)) send(id, header);
        onMessage(decodeHeader(head), frames);
      }
    } catch (error: unknown) {
      if (!isClosed()) log.error(`executor socket failed: ${String(error)}`);
    }
  })();
  return {
    message: (header) => {
      if (clientId === undefined) early.push(header);
      else send(clientId, header);
    },
    result: (frame) => {
      if (clientId !== undefined) out.frame('client', [clientId], RESULTS, frame);
    },
    drain: () => out.drain(),
    close: () => {
      out.close();
      socket.close();
    },
  };
};

/**
 * The interchange's executor link: the socket pair on `fd` when no `client` ROUTER was bound, else
 * that ROUTER; when a `bulk` socket is bound, the bursts of tasks the executor sends on it are
 * delivered to the same handler (replies always go over the link itself).
 */
export const openExecutorLink = (
  sockets: {
    readonly client: Router | undefined;
    readonly bulk: Router | undefined;
    readonly fd: number;
  },
  log: HtexLog,
  onMessage: ExecutorMessageHandler,
  isClosed: () => boolean,
): ExecutorLink => {
  const link =
    sockets.client === undefined
      ? pipeExecutorLink(sockets.fd, log, onMessage, () => {
          if (!isClosed()) log.info('the executor closed its link');
        })
      : routerExecutorLink(sockets.client, log, onMessage, isClosed);
  const bulk = sockets.bulk;
  if (bulk === undefined) return link;
  void (async () => {
    try {
      for await (const [, head, ...frames] of bulk) onMessage(decodeHeader(head), frames);
    } catch (error: unknown) {
      if (!isClosed()) log.error(`executor bulk socket failed: ${String(error)}`);
    }
  })();
  return {
    ...link,
    close: () => {
      link.close();
      bulk.close();
    },
  };
};
