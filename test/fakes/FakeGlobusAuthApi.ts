import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Globus Auth's OAuth2 endpoints on 127.0.0.1: `GET /v2/oauth2/authorize`
 * (what the user's browser would do: answers the auth code as text/plain), and
 * `POST /v2/oauth2/token` for `authorization_code` (PKCE S256 checked) and `refresh_token` grants,
 * answering the real response shape (`other_tokens` holds the Transfer token).
 */
export class FakeGlobusAuthApi {
  public readonly tokenRequests: Array<Record<string, string>> = [];
  /** Transfer access tokens it has issued, in order. */
  public readonly issuedTransferTokens: string[] = [];
  public expiresIn = 172_800;
  private readonly codes = new Map<
    string,
    { readonly challenge: string; readonly clientId: string }
  >();
  private readonly refreshTokens = new Set<string>();

  private constructor(
    private readonly server: http.Server,
    public readonly baseUrl: string,
    private readonly onTransferToken: (token: string) => void,
  ) {}

  /** `onTransferToken` hears each Transfer access token issued (e.g. so a fake Transfer API accepts it). */
  public static async start(
    onTransferToken: (token: string) => void = () => undefined,
  ): Promise<FakeGlobusAuthApi> {
    const server = http.createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const fake = new FakeGlobusAuthApi(
      server,
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      onTransferToken,
    );
    server.on('request', (request, response) => {
      void fake.handle(request, response);
    });
    return fake;
  }

  /** Scripts a refresh token the fake will honour, as if issued in an earlier session. */
  public grantRefreshToken(token: string): void {
    this.refreshTokens.add(token);
  }

  public async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
  }

  private async handle(
    request: http.IncomingMessage,
    response: http.ServerResponse,
  ): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const send = (status: number, json: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    };
    if (request.method === 'GET' && url.pathname === '/v2/oauth2/authorize') {
      const challenge = url.searchParams.get('code_challenge');
      const clientId = url.searchParams.get('client_id');
      if (
        challenge === null ||
        clientId === null ||
        url.searchParams.get('code_challenge_method') !== 'S256'
      ) {
        return send(400, { error: 'invalid_request' });
      }
      const code = randomUUID();
      this.codes.set(code, { challenge, clientId });
      response.writeHead(200, { 'content-type': 'text/plain' }).end(code);
      return;
    }
    if (request.method === 'POST' && url.pathname === '/v2/oauth2/token') {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
      this.tokenRequests.push(form);
      if (form['grant_type'] === 'authorization_code') {
        const issued = this.codes.get(form['code'] ?? '');
        const verifier = form['code_verifier'] ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (
          issued === undefined ||
          issued.challenge !== challenge ||
          issued.clientId !== form['client_id']
        ) {
          return send(401, { error: 'invalid_grant' });
        }
        this.codes.delete(form['code'] ?? '');
        return send(200, this.tokens());
      }
      if (
        form['grant_type'] === 'refresh_token' &&
        this.refreshTokens.has(form['refresh_token'] ?? '')
      ) {
        return send(200, this.tokens());
      }
      return send(401, { error: 'invalid_grant' });
    }
    send(404, {
      error: 'not_found',
      detail: `FakeGlobusAuthApi: ${request.method} ${url.pathname} is not scripted`,
    });
  }

  private tokens(): unknown {
    const transfer = `transfer-${randomUUID()}`;
    const refresh = `refresh-${randomUUID()}`;
    this.issuedTransferTokens.push(transfer);
    this.onTransferToken(transfer);
    this.refreshTokens.add(refresh);
    return {
      access_token: `auth-${randomUUID()}`,
      expires_in: this.expiresIn,
      resource_server: 'auth.globus.org',
      token_type: 'Bearer',
      scope: 'openid',
      refresh_token: `refresh-auth-${randomUUID()}`,
      other_tokens: [
        {
          access_token: transfer,
          expires_in: this.expiresIn,
          resource_server: 'transfer.api.globus.org',
          token_type: 'Bearer',
          scope: 'urn:globus:auth:scope:transfer.api.globus.org:all',
          refresh_token: refresh,
        },
      ],
    };
  }
}
