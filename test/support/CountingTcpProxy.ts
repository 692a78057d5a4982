import type { AddressInfo } from 'node:net';
import net from 'node:net';

/** A TCP proxy on 127.0.0.1 that forwards to `target` and counts the connections it accepted. */
export class CountingTcpProxy {
  public connections = 0;
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    public readonly port: number,
  ) {}

  public static async start(targetHost: string, targetPort: number): Promise<CountingTcpProxy> {
    const server = net.createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const proxy = new CountingTcpProxy(server, (server.address() as AddressInfo).port);
    server.on('connection', (client) => {
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

  public async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((done) => this.server.close(() => done()));
  }
}
