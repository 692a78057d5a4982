import type { ConnectConfig } from 'ssh2';
import { AuthException } from '../../domain/errors/ChannelErrors.js';
import { SshChannel, type SshChannelOptions } from './SshChannel.js';

/** Options of {@link OAuthSshChannel}. Parsl: parsl.channels.OAuthSSHChannel */
export interface OAuthSshChannelOptions extends SshChannelOptions {
  /** OAuth 2.0 token endpoint (RFC 6749 §3.2). */
  readonly tokenUrl: string;
  readonly clientId: string;
  /** @default undefined (a public client) */
  readonly clientSecret?: string;
  /** @default undefined */
  readonly scope?: string;
  /** Use the refresh_token grant with this token instead of client_credentials. @default undefined */
  readonly refreshToken?: string;
  /** @default 10000 */
  readonly tokenTimeoutMs?: number;
}

interface TokenResponse {
  readonly access_token?: unknown;
  readonly error?: unknown;
  readonly error_description?: unknown;
}

/**
 * An SshChannel whose credential is an OAuth access token, fetched from the token endpoint at
 * every (re)connect and given to the server as the password and as the keyboard-interactive
 * answer (the server checks it, e.g. with PAM against the provider's introspection endpoint).
 * Parsl: parsl.channels.OAuthSSHChannel (Globus tokens)
 */
export class OAuthSshChannel extends SshChannel {
  private token: string | undefined;

  public constructor(protected override readonly options: OAuthSshChannelOptions) {
    super(options);
  }

  /** Obtains a fresh access token. @throws {AuthException} naming the endpoint and its answer */
  public async fetchToken(): Promise<string> {
    const o = this.options;
    const body = new URLSearchParams({ client_id: o.clientId });
    if (o.refreshToken !== undefined) {
      body.set('grant_type', 'refresh_token');
      body.set('refresh_token', o.refreshToken);
    } else body.set('grant_type', 'client_credentials');
    if (o.clientSecret !== undefined) body.set('client_secret', o.clientSecret);
    if (o.scope !== undefined) body.set('scope', o.scope);
    let response: Response;
    try {
      response = await fetch(o.tokenUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body,
        signal: AbortSignal.timeout(o.tokenTimeoutMs ?? 10_000),
      });
    } catch (error: unknown) {
      throw new AuthException(
        this.hostname,
        `OAuthSshChannel: token endpoint ${o.tokenUrl} unreachable (${String(error)}). Check tokenUrl.`,
        { cause: error },
      );
    }
    const text = await response.text();
    let parsed: TokenResponse = {};
    try {
      parsed = JSON.parse(text) as TokenResponse;
    } catch {
      // reported below with the raw text
    }
    if (!response.ok || typeof parsed.access_token !== 'string') {
      const why =
        typeof parsed.error === 'string'
          ? `${parsed.error} ${String(parsed.error_description ?? '')}`.trim()
          : text.slice(0, 200);
      throw new AuthException(
        this.hostname,
        `OAuthSshChannel: token endpoint ${o.tokenUrl} answered ${response.status} (${why}). Check clientId, clientSecret and scope.`,
      );
    }
    return parsed.access_token;
  }

  protected override async authConfig(): Promise<Partial<ConnectConfig>> {
    this.token = await this.fetchToken();
    return {
      password: this.token,
      tryKeyboard: true,
      authHandler: ['password', 'keyboard-interactive'],
    };
  }

  protected override async answerPrompts(
    prompts: readonly { prompt: string }[],
  ): Promise<string[]> {
    return prompts.map(() => this.token ?? '');
  }
}
