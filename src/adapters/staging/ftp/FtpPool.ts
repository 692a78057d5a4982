import type { Client } from 'basic-ftp';
import { Limiter } from '../transfer/Limiter.js';
import { classifyFtpError, type FtpTarget, loginKey } from './ftpEndpoint.js';

/**
 * Reusable logged-in FTP connections, at most `maxPerLogin` per user@host:port. A connection that
 * failed is closed, never reused. basic-ftp is loaded lazily.
 */
export class FtpPool {
  /** Connections opened so far (for tests: staging many files must reuse them). */
  public connectionsOpened = 0;
  private readonly idle = new Map<string, Client[]>();
  private readonly limiters = new Map<string, Limiter>();
  private readonly all = new Set<Client>();
  private closed = false;

  public constructor(
    private readonly maxPerLogin: number,
    private readonly timeoutMs: number,
  ) {}

  /**
   * Runs `operation` on a logged-in connection for `target`.
   * @throws what `operation` or the login throws; FTP replies as TransferFailure (4xx transient)
   */
  public use<TResult>(
    target: FtpTarget,
    operation: (client: Client) => Promise<TResult>,
  ): Promise<TResult> {
    const key = loginKey(target);
    let limiter = this.limiters.get(key);
    if (limiter === undefined) {
      limiter = new Limiter(this.maxPerLogin);
      this.limiters.set(key, limiter);
    }
    return limiter.run(async () => {
      if (this.closed) throw new Error('FtpPool: used after close()');
      const client = await this.take(key, target);
      try {
        const result = await operation(client);
        this.idle.get(key)?.push(client) ?? this.idle.set(key, [client]);
        return result;
      } catch (error: unknown) {
        this.discard(client);
        throw classifyFtpError(error);
      }
    });
  }

  public close(): void {
    this.closed = true;
    for (const client of this.all) client.close();
    this.all.clear();
    this.idle.clear();
  }

  private async take(key: string, target: FtpTarget): Promise<Client> {
    const idle = this.idle.get(key) ?? [];
    for (let client = idle.pop(); client !== undefined; client = idle.pop()) {
      if (!client.closed) return client;
      this.all.delete(client);
    }
    const { Client: FtpClient } = await import('basic-ftp');
    const client = new FtpClient(this.timeoutMs);
    this.connectionsOpened += 1;
    this.all.add(client);
    try {
      await client.access({
        host: target.host,
        port: target.port,
        user: target.user,
        password: target.password,
      });
      return client;
    } catch (error: unknown) {
      this.discard(client);
      throw classifyFtpError(error);
    }
  }

  private discard(client: Client): void {
    client.close();
    this.all.delete(client);
  }
}
