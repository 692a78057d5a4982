import { createHmac, timingSafeEqual } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { MonitoringError } from '../../domain/errors/MonitoringErrors.js';

/** Options of {@link UdpMonitoringRadio}. */
export interface UdpMonitoringRadioOptions {
  /** Address to bind. @default '127.0.0.1' */
  readonly address?: string;
  /** Port to bind; when unset a free one is picked from `portRange`. */
  readonly port?: number;
  /** @default [55050, 56000] */
  readonly portRange?: readonly [number, number];
  /** Shared secret (hex or any string); every datagram must carry its HMAC-SHA256. */
  readonly key: string;
  /** Largest datagram accepted, bytes. @default 65507 */
  readonly maxBytes?: number;
}

/** Counters of the radio. */
export interface RadioStats {
  readonly received: number;
  readonly accepted: number;
  readonly rejected: number;
}

/** Signs a message for the radio: `<hex hmac>.<json>`. Used by senders (workers). */
export const signRadioMessage = (key: string, message: unknown): Buffer => {
  const json = JSON.stringify(message);
  const mac = createHmac('sha256', key).update(json).digest('hex');
  return Buffer.from(`${mac}.${json}`);
};

/**
 * Receives monitoring messages from workers over UDP (Parsl's UDPRadio): each datagram is
 * `<hex HMAC-SHA256 of the JSON>.<JSON>`; datagrams with a bad signature, bad JSON or too large are
 * dropped and counted. What a valid message means is for `onMessage` to decide.
 * Parsl: parsl.monitoring.radios.UDPRadio + the hub's UDP listener
 */
export class UdpMonitoringRadio {
  private socket: Socket | undefined;
  private counts = { received: 0, accepted: 0, rejected: 0 };

  public constructor(
    private readonly options: UdpMonitoringRadioOptions,
    private readonly onMessage: (message: unknown) => boolean,
  ) {}

  /**
   * Binds and starts receiving; resolves with the port.
   * @throws {MonitoringError} when no port of the range (or the given port) can be bound
   */
  public async start(): Promise<number> {
    const address = this.options.address ?? '127.0.0.1';
    const [lo, hi] = this.options.portRange ?? [55050, 56000];
    const candidates =
      this.options.port !== undefined
        ? [this.options.port]
        : Array.from(
            { length: Math.min(50, hi - lo + 1) },
            () => lo + Math.floor(Math.random() * (hi - lo + 1)),
          );
    let lastError: unknown;
    for (const port of candidates) {
      const socket = createSocket('udp4');
      try {
        await new Promise<void>((resolve, reject) => {
          socket.once('error', reject);
          socket.bind(port, address, () => {
            socket.off('error', reject);
            resolve();
          });
        });
      } catch (error: unknown) {
        lastError = error;
        socket.close();
        continue;
      }
      socket.on('message', (data) => this.receive(data));
      socket.unref();
      this.socket = socket;
      return socket.address().port;
    }
    throw new MonitoringError(
      `UdpMonitoringRadio.start: cannot bind UDP ${address}:${this.options.port ?? `${lo}-${hi}`} (${lastError instanceof Error ? lastError.message : String(lastError)}). Set monitoring.hubPort to a free port or widen monitoring.hubPortRange.`,
      { cause: lastError },
    );
  }

  public get stats(): RadioStats {
    return { ...this.counts };
  }

  public async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (socket !== undefined) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  private receive(data: Buffer): void {
    this.counts.received += 1;
    const message = this.verify(data);
    if (message !== undefined && this.onMessage(message)) this.counts.accepted += 1;
    else this.counts.rejected += 1;
  }

  private verify(data: Buffer): unknown {
    if (data.length > (this.options.maxBytes ?? 65_507)) return undefined;
    const text = data.toString('utf8');
    const dot = text.indexOf('.');
    if (dot !== 64) return undefined;
    const mac = Buffer.from(text.slice(0, dot), 'hex');
    const json = text.slice(dot + 1);
    const expected = createHmac('sha256', this.options.key).update(json).digest();
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return undefined;
    try {
      return JSON.parse(json) as unknown;
    } catch {
      return undefined;
    }
  }
}
