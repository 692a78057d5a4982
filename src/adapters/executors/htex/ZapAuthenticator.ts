import type { Router } from 'zeromq';
import { z85Decode } from './curveKeys.js';

/**
 * A ZAP handler (RFC 27) on `inproc://zeromq.zap.01` in the default ZeroMQ context: it admits a
 * CURVE peer only if its public key is one of `allowedPublicKeys`, so a client that knows the
 * server's public key but not the run's client secret key is dropped during the handshake.
 * Parsl: the zmq.auth ThreadAuthenticator in parsl/curvezmq.py
 */
export class ZapAuthenticator {
  private readonly allowed: Buffer[];
  private socket: Router | undefined;
  /** Public keys (Z85) of peers that were refused, for logs. */
  public readonly refused: string[] = [];

  public constructor(
    allowedPublicKeys: readonly string[],
    private readonly onRefused: (address: string) => void = () => undefined,
  ) {
    this.allowed = allowedPublicKeys.map(z85Decode);
  }

  public async start(): Promise<void> {
    const zmq = await import('zeromq');
    const socket = new zmq.Router();
    await socket.bind('inproc://zeromq.zap.01');
    this.socket = socket;
    void this.serve(socket);
  }

  public close(): void {
    this.socket?.close();
    this.socket = undefined;
  }

  private async serve(socket: Router): Promise<void> {
    try {
      for await (const frames of socket) {
        // [peer, empty, version, requestId, domain, address, identity, mechanism, ...credentials]
        const [peer, empty, , requestId, , address, , mechanism, key] = frames;
        if (peer === undefined || empty === undefined || requestId === undefined) continue;
        const ok =
          mechanism?.toString() === 'CURVE' &&
          key !== undefined &&
          this.allowed.some((allowed) => allowed.equals(key));
        if (!ok) {
          this.refused.push(address?.toString() ?? '?');
          this.onRefused(address?.toString() ?? '?');
        }
        await socket.send([
          peer,
          empty,
          '1.0',
          requestId,
          ok ? '200' : '400',
          ok ? 'OK' : 'unknown key',
          ok ? 'client' : '',
          '',
        ]);
      }
    } catch {
      // socket closed at shutdown
    }
  }
}
