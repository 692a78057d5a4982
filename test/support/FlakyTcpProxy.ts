import type { AddressInfo } from 'node:net';
import net from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 that forwards to a target, counts the connections it accepted, and can
 * be cut (open connections are destroyed and new ones closed at once) and restored: a database
 * that goes away for a while, without stopping the real server.
 */
export class FlakyTcpProxy {
  public connections = 0;
  private readonly sockets = new Set<net.Socket>();
  private cutOff = false;

  private constructor(
    private readonly server: net.Server,
    public readonly port: number,
  ) {}

  public static async start(targetHost: string, targetPort: number): Promise<FlakyTcpProxy> {
    const server = net.createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const proxy = new FlakyTcpProxy(server, (server.address() as AddressInfo).port);
    server.on('connection', (client) => {
      if (proxy.cutOff) {
        client.destroy();
        return;
      }
      proxy.connections += 1;
      const upstream = net.connect(targetPort, targetHost);
      for (const socket of [client, upstream]) {
        proxy.sockets.add(socket);
        socket.on('close', () => proxy.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    return proxy;
  }

  public cut(): void {
    this.cutOff = true;
    for (const socket of this.sockets) socket.destroy();
  }

  public restore(): void {
    this.cutOff = false;
  }

  public async close(): Promise<void> {
    this.cut();
    await new Promise<void>((done) => this.server.close(() => done()));
  }
}
