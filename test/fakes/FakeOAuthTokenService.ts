import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A registered OAuth client. */
export interface FakeOAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

const readBody = async (req: IncomingMessage): Promise<URLSearchParams> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

/**
 * A small OAuth 2.0 authorization server on 127.0.0.1: `POST /token` (client_credentials grant,
 * RFC 6749 §4.4) issues opaque access tokens, `POST /introspect` (RFC 7662) says whether a token
 * is active. Tokens can be revoked. Every request is recorded; other paths answer 404.
 */
export class FakeOAuthTokenService {
  public readonly tokenRequests: { readonly clientId: string; readonly granted: boolean }[] = [];
  public readonly introspections: { readonly token: string; readonly active: boolean }[] = [];
  private readonly active = new Set<string>();
  private server: Server | undefined;
  private port = 0;

  public constructor(private readonly clients: readonly FakeOAuthClient[]) {}

  public get tokenUrl(): string {
    return `http://127.0.0.1:${this.port}/token`;
  }

  public get introspectUrl(): string {
    return `http://127.0.0.1:${this.port}/introspect`;
  }

  /** Makes a token inactive (as after expiry or logout). */
  public revoke(token: string): void {
    this.active.delete(token);
  }

  public async start(): Promise<void> {
    const server = createServer((req, res) => {
      void this.handle(req).then(([status, body]) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  private async handle(req: IncomingMessage): Promise<[number, unknown]> {
    if (req.method !== 'POST') return [405, { error: 'invalid_request' }];
    const form = await readBody(req);
    if (req.url === '/token') {
      const clientId = form.get('client_id') ?? '';
      const client = this.clients.find((c) => c.clientId === clientId);
      const granted =
        form.get('grant_type') === 'client_credentials' &&
        client?.clientSecret === form.get('client_secret');
      this.tokenRequests.push({ clientId, granted });
      if (!granted)
        return [
          401,
          { error: 'invalid_client', error_description: 'client authentication failed' },
        ];
      const token = randomBytes(24).toString('base64url');
      this.active.add(token);
      return [200, { access_token: token, token_type: 'Bearer', expires_in: 3600 }];
    }
    if (req.url === '/introspect') {
      const token = form.get('token') ?? '';
      const active = this.active.has(token);
      this.introspections.push({ token, active });
      return [200, { active }];
    }
    return [404, { error: 'not_found' }];
  }

  public async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server === undefined ? resolve() : this.server.close(() => resolve()),
    );
  }
}
