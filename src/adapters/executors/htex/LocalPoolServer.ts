import { rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { FrameSocket } from './Outbox.js';
import { PipeLink } from './PipeLink.js';
import { decodeHeader, encodeHeader } from './protocol.js';

/** Receives a pool's message: its routing id (the manager id), header frame and the rest. */
export type PoolMessageHandler = (id: Buffer, frames: Buffer[]) => void;

/**
 * The interchange's Unix-socket listener for pools on its own host (unencrypted runs): each pool
 * connects, its first message must be `register`, whose manager id then names the connection, and
 * messages travel with PipeLink framing (one wake-up per message, no ZeroMQ I/O threads). As a
 * {@link FrameSocket} it routes `[id, ...frames]` to that pool's connection, or to `router` (the
 * ROUTER socket that serves remote pools) for ids it does not hold.
 */
export class LocalPoolServer implements FrameSocket {
  private readonly links = new Map<string, PipeLink>();
  private server: Server | undefined;
  private path: string | undefined;

  public constructor(
    private readonly router: FrameSocket,
    private readonly onMessage: PoolMessageHandler,
  ) {}

  /** Listens on `path` (in a private folder: the folder's permissions guard it). */
  public listen(path: string): Promise<void> {
    this.path = path;
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    });
  }

  public send(message: Buffer[]): Promise<void> {
    const [id, ...rest] = message;
    const link = id === undefined ? undefined : this.links.get(id.toString('latin1'));
    return link === undefined ? this.router.send(message) : link.send(rest);
  }

  public close(): void {
    for (const link of this.links.values()) link.close();
    this.links.clear();
    this.server?.close();
    if (this.path !== undefined) rmSync(this.path, { force: true });
  }

  private accept(socket: Socket): void {
    let id: Buffer | undefined;
    const link: PipeLink = new PipeLink(
      socket,
      (frames) => {
        if (id === undefined) {
          const header = decodeHeader(frames[0]);
          if (header?.t !== 'register') return;
          const key = Buffer.from(header.info.managerId).toString('latin1');
          if (this.links.has(key)) {
            const reason = `a pool with id ${header.info.managerId} is already connected; each pool needs its own id`;
            void link.send([encodeHeader({ t: 'refused', reason })]);
            return;
          }
          id = Buffer.from(key, 'latin1');
          this.links.set(key, link);
        }
        this.onMessage(id, frames);
      },
      () => {
        const key = id?.toString('latin1');
        if (key !== undefined && this.links.get(key) === link) this.links.delete(key);
      },
    );
  }
}
