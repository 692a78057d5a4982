import { createHash, randomBytes } from 'node:crypto';
import { TransferFailure } from '../transfer/RetryPolicy.js';

/** The scopes parsl-ts asks for: identity plus the Transfer API. */
export const GLOBUS_SCOPES = 'openid urn:globus:auth:scope:transfer.api.globus.org:all';
/** Resource server of the Transfer API in token responses. */
export const TRANSFER_RESOURCE_SERVER = 'transfer.api.globus.org';

/** One token, as kept in the token file (the Globus SDK's `by_resource_server` shape). */
export interface GlobusToken {
  readonly access_token: string;
  readonly refresh_token: string | null;
  readonly expires_at_seconds: number;
  readonly scope: string;
  readonly token_type: string;
  readonly resource_server: string;
}

/** Tokens keyed by resource server, e.g. `transfer.api.globus.org`. */
export type GlobusTokens = Readonly<Record<string, GlobusToken>>;

interface TokenResponseEntry {
  readonly access_token: string;
  readonly refresh_token?: string | null;
  readonly expires_in: number;
  readonly scope: string;
  readonly token_type: string;
  readonly resource_server: string;
}

interface TokenResponse extends TokenResponseEntry {
  readonly other_tokens?: readonly TokenResponseEntry[];
}

const base64url = (bytes: Buffer): string => bytes.toString('base64url');

/** A PKCE verifier and its S256 challenge (RFC 7636). */
export const makePkce = (): { readonly verifier: string; readonly challenge: string } => {
  const verifier = base64url(randomBytes(32));
  return { verifier, challenge: base64url(createHash('sha256').update(verifier).digest()) };
};

/**
 * Globus Auth's OAuth2 native-app flow (authorization code with PKCE, refresh tokens).
 * `authUrl` is `https://auth.globus.org` for the real service.
 */
export class GlobusAuthClient {
  public constructor(
    private readonly authUrl: string,
    private readonly clientId: string,
  ) {}

  /** Where Globus shows the user the code to paste back. */
  public get redirectUri(): string {
    return `${this.authUrl}/v2/web/auth-code`;
  }

  /** The URL the user opens in a browser to authorize. */
  public authorizeUrl(challenge: string): string {
    const query = new URLSearchParams({
      client_id: this.clientId,
      redirect_uri: this.redirectUri,
      scope: GLOBUS_SCOPES,
      state: '_default',
      response_type: 'code',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      access_type: 'offline',
    });
    return `${this.authUrl}/v2/oauth2/authorize?${query.toString()}`;
  }

  /** @throws {TransferFailure} when Globus Auth refuses the code */
  public exchangeCode(code: string, verifier: string, nowSeconds: number): Promise<GlobusTokens> {
    return this.token(
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: this.redirectUri,
        client_id: this.clientId,
        code_verifier: verifier,
      },
      nowSeconds,
    );
  }

  /** @throws {TransferFailure} when the refresh token was revoked or expired */
  public refresh(refreshToken: string, nowSeconds: number): Promise<GlobusTokens> {
    return this.token(
      { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: this.clientId },
      nowSeconds,
    );
  }

  private async token(form: Record<string, string>, nowSeconds: number): Promise<GlobusTokens> {
    const response = await fetch(`${this.authUrl}/v2/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new TransferFailure(
        `Globus Auth token request answered HTTP ${response.status}: ${text.slice(0, 300)}`,
        response.status >= 500,
      );
    }
    const body = JSON.parse(text) as TokenResponse;
    const tokens: Record<string, GlobusToken> = {};
    for (const entry of [body, ...(body.other_tokens ?? [])]) {
      tokens[entry.resource_server] = {
        access_token: entry.access_token,
        refresh_token:
          entry.refresh_token ??
          (form['refresh_token'] === undefined ? null : form['refresh_token']),
        expires_at_seconds: nowSeconds + entry.expires_in,
        scope: entry.scope,
        token_type: entry.token_type,
        resource_server: entry.resource_server,
      };
    }
    return tokens;
  }
}
