import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { StagingConfigError } from '../../../domain/errors/StagingErrors.js';
import {
  type GlobusAuthClient,
  type GlobusTokens,
  TRANSFER_RESOURCE_SERVER,
} from './GlobusAuthClient.js';

/** Where `parsl-ts globus-auth` keeps tokens unless told otherwise. */
export const defaultGlobusTokenFile = (): string =>
  process.env['PARSL_TS_GLOBUS_TOKEN_FILE'] ?? join(homedir(), '.parsl-ts', 'globus.json');

/** Seconds before expiry at which an access token is refreshed. */
const REFRESH_MARGIN_SECONDS = 60;

/**
 * The token file (mode 0600, in a 0700 directory): read, written atomically, and refreshed through
 * Globus Auth when the Transfer access token is about to expire.
 */
export class GlobusTokenStore {
  private cached: { readonly token: string; readonly expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;

  public constructor(
    public readonly tokenFile: string,
    private readonly auth: GlobusAuthClient | undefined,
  ) {}

  /** The stored tokens, or undefined when there is no (readable) token file. */
  public async load(): Promise<GlobusTokens | undefined> {
    try {
      return JSON.parse(await readFile(this.tokenFile, 'utf8')) as GlobusTokens;
    } catch {
      return undefined;
    }
  }

  public async save(tokens: GlobusTokens): Promise<void> {
    await mkdir(dirname(this.tokenFile), { recursive: true, mode: 0o700 });
    const temporary = `${this.tokenFile}.tmp-${process.pid}`;
    await writeFile(temporary, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
    await chmod(temporary, 0o600);
    await rename(temporary, this.tokenFile);
  }

  /**
   * A usable Transfer access token, refreshed (and saved) when it expires within a minute.
   * @throws {StagingConfigError} when there is no token, or it expired and cannot be refreshed
   */
  public transferAccessToken(nowSeconds: number): Promise<string> {
    const { cached } = this;
    if (cached !== undefined && cached.expiresAt - REFRESH_MARGIN_SECONDS > nowSeconds)
      return Promise.resolve(cached.token);
    // One read-or-refresh at a time: concurrent API calls share it instead of racing on the file.
    this.pending ??= this.readOrRefresh(nowSeconds).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async readOrRefresh(nowSeconds: number): Promise<string> {
    const tokens = await this.load();
    const transfer = tokens?.[TRANSFER_RESOURCE_SERVER];
    if (tokens === undefined || transfer === undefined) {
      throw new StagingConfigError(
        'GlobusStaging',
        `no Globus Transfer token in ${this.tokenFile}`,
        "Run `parsl-ts globus-auth` once to authorize, or set the provider's accessToken.",
      );
    }
    if (transfer.expires_at_seconds - REFRESH_MARGIN_SECONDS > nowSeconds)
      return transfer.access_token;
    if (transfer.refresh_token === null || this.auth === undefined) {
      throw new StagingConfigError(
        'GlobusStaging',
        `the Globus Transfer token in ${this.tokenFile} expired and cannot be refreshed`,
        'Run `parsl-ts globus-auth --force` to authorize again.',
      );
    }
    const refreshed = await this.auth.refresh(transfer.refresh_token, nowSeconds);
    await this.save({ ...tokens, ...refreshed });
    const fresh = refreshed[TRANSFER_RESOURCE_SERVER];
    if (fresh === undefined) {
      throw new StagingConfigError(
        'GlobusStaging',
        'Globus Auth refreshed no Transfer token',
        'Run `parsl-ts globus-auth --force`.',
      );
    }
    this.cached = { token: fresh.access_token, expiresAt: fresh.expires_at_seconds };
    return fresh.access_token;
  }
}
