import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

/**
 * A real HTTP or HTTPS server on 127.0.0.1 serving files under `root`, for staging tests. Counts
 * TCP connections and requests, and can be scripted to fail: `failNext(path, n)` answers 503 n
 * times, `truncate(path)` announces the full Content-Length but cuts the body in half.
 */
export class FileHttpServer {
  public connections = 0;
  public readonly requests: string[] = [];
  private readonly failures = new Map<string, number>();
  private readonly truncated = new Set<string>();

  private constructor(
    private readonly server: http.Server,
    private readonly root: string,
    public readonly baseUrl: string,
  ) {}

  public static async start(
    root: string,
    tls?: { readonly key: string; readonly cert: string },
  ): Promise<FileHttpServer> {
    const server = tls === undefined ? http.createServer() : https.createServer(tls);
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    const self = new FileHttpServer(
      server,
      root,
      `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`,
    );
    server.on(tls === undefined ? 'connection' : 'secureConnection', () => {
      self.connections += 1;
    });
    server.on('request', (request, response) => {
      void self.handle(request, response);
    });
    return self;
  }

  public url(path: string): string {
    return `${this.baseUrl}/${path.replace(/^\//, '')}`;
  }

  public failNext(path: string, times: number): void {
    this.failures.set(`/${path.replace(/^\//, '')}`, times);
  }

  public truncate(path: string): void {
    this.truncated.add(`/${path.replace(/^\//, '')}`);
  }

  public async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
  }

  private async handle(
    request: http.IncomingMessage,
    response: http.ServerResponse,
  ): Promise<void> {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    this.requests.push(`${request.method} ${path}`);
    const failures = this.failures.get(path) ?? 0;
    if (failures > 0) {
      this.failures.set(path, failures - 1);
      response.writeHead(503, { 'content-length': 0 }).end();
      return;
    }
    const file = join(this.root, normalize(path));
    const info = await stat(file).catch(() => undefined);
    if (info === undefined || !info.isFile()) {
      response
        .writeHead(404, { 'content-type': 'text/plain', 'content-length': 9 })
        .end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': info.size,
    });
    if (this.truncated.has(path)) {
      const half = Math.max(0, Math.floor(info.size / 2) - 1);
      createReadStream(file, { start: 0, end: half })
        .on('end', () => setImmediate(() => response.destroy()))
        .pipe(response, { end: false });
      return;
    }
    createReadStream(file).pipe(response);
  }
}
