import { createSocket, type Socket } from 'node:dgram';
import { signRadioMessage } from './UdpMonitoringRadio.js';

/** Options of {@link UdpMonitoringSender}. */
export interface UdpMonitoringSenderOptions {
  readonly host: string;
  readonly port: number;
  /** The hub's shared secret. */
  readonly key: string;
}

/**
 * The worker side of the monitoring radio: sends signed JSON reports (resource samples, worker
 * pool registrations) to the hub by UDP; never blocks and never throws on network trouble.
 * Workers find the hub in PARSL_MONITORING_HUB_URL (`udp://host:port`) and PARSL_MONITORING_HUB_KEY.
 * Parsl: parsl.monitoring.radios.UDPRadio.send
 */
export class UdpMonitoringSender {
  private socket: Socket | undefined;

  public constructor(private readonly options: UdpMonitoringSenderOptions) {}

  /** A sender for the hub named in the environment, or undefined when monitoring is off. */
  public static fromEnv(env: {
    readonly PARSL_MONITORING_HUB_URL?: string;
    readonly PARSL_MONITORING_HUB_KEY?: string;
  }): UdpMonitoringSender | undefined {
    const match = /^udp:\/\/\[?([^\]/]+?)\]?:(\d+)\/?$/.exec(env.PARSL_MONITORING_HUB_URL ?? '');
    const key = env.PARSL_MONITORING_HUB_KEY;
    if (match?.[1] === undefined || key === undefined || key === '') return undefined;
    return new UdpMonitoringSender({ host: match[1], port: Number(match[2]), key });
  }

  public send(message: unknown): void {
    if (this.socket === undefined) {
      this.socket = createSocket('udp4');
      this.socket.on('error', () => undefined);
      this.socket.unref();
    }
    try {
      this.socket.send(
        signRadioMessage(this.options.key, message),
        this.options.port,
        this.options.host,
      );
    } catch {
      // UDP reports are best effort (Parsl's radios drop too).
    }
  }

  public close(): void {
    this.socket?.close();
    this.socket = undefined;
  }
}
