import { createHash, randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { hostname, release, type, userInfo } from 'node:os';

/** Options of {@link UdpUsageTracker}. */
export interface UdpUsageTrackerOptions {
  /** Collector host (an IP avoids any DNS lookup). @default '127.0.0.1' */
  readonly host?: string;
  /** Collector UDP port. @default 50077 */
  readonly port?: number;
  /** Longest `sendEnd` waits for the datagram to leave, ms. @default 500 */
  readonly timeoutMs?: number;
  /** parsl-ts version reported. */
  readonly version: string;
}

/** What the kernel knows when a run starts. */
export interface UsageStart {
  /** Path of the user's script (only its hash is sent). */
  readonly scriptPath: string;
  readonly startedAt: number;
}

/** What the kernel knows when a run ends. */
export interface UsageEnd {
  readonly endedAt: number;
  readonly exitCode: number;
  readonly executorCount: number;
  readonly taskCount: number;
  readonly failedCount: number;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const safeUser = (): string => {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
};

/**
 * Opt-in, anonymous usage tracking: one JSON datagram when a run starts and one when it ends, sent
 * by UDP so that a missing network can never slow or break a run (Parsl #220: no 20 s delay).
 * Identifiers are SHA-256 hashes; no names, paths, arguments or data are sent. The exact fields are
 * listed in docs/monitoring.md.
 * Parsl: parsl.usage_tracking.usage.UsageTracker
 */
export class UdpUsageTracker {
  private readonly runUuid = randomUUID();
  private startedAt = 0;
  private readonly host: string;
  private readonly port: number;

  public constructor(private readonly options: UdpUsageTrackerOptions) {
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? 50077;
  }

  /** The start message; returns at once (the send happens in the background). */
  public sendStart(start: UsageStart): void {
    this.startedAt = start.startedAt;
    void this.send(this.startMessage(start));
  }

  /** The end message; resolves when sent, or after timeoutMs at the latest. Never rejects. */
  public sendEnd(end: UsageEnd): Promise<void> {
    return this.send(this.endMessage(end));
  }

  /** The start message exactly as sent. */
  public startMessage(start: UsageStart): Record<string, string | number | boolean> {
    return {
      v: 1,
      type: 'start',
      run_uuid: this.runUuid,
      user_hash: sha256(safeUser()),
      host_hash: sha256(hostname()),
      script_hash: sha256(start.scriptPath),
      parsl_ts_v: this.options.version,
      node_v: process.versions.node,
      os: type(),
      os_v: release(),
      start: Math.round(start.startedAt / 1000),
    };
  }

  /** The end message exactly as sent. */
  public endMessage(end: UsageEnd): Record<string, string | number | boolean> {
    return {
      v: 1,
      type: 'end',
      run_uuid: this.runUuid,
      end: Math.round(end.endedAt / 1000),
      duration_s: this.startedAt === 0 ? 0 : Math.round((end.endedAt - this.startedAt) / 1000),
      exit_code: end.exitCode,
      executors_c: end.executorCount,
      tasks_c: end.taskCount,
      failed_c: end.failedCount,
    };
  }

  private send(message: Record<string, string | number | boolean>): Promise<void> {
    return new Promise((resolve) => {
      const socket = createSocket('udp4');
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        try {
          socket.close();
        } catch {
          // already closed
        }
        resolve();
      };
      const timer = setTimeout(finish, this.options.timeoutMs ?? 500);
      timer.unref();
      socket.on('error', finish);
      socket.unref();
      try {
        socket.send(Buffer.from(JSON.stringify(message)), this.port, this.host, finish);
      } catch {
        finish();
      }
    });
  }
}
