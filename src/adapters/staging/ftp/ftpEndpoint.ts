import { TransferFailure } from '../transfer/RetryPolicy.js';

/** Where and as whom to log in for one ftp: URL, and the remote path. */
export interface FtpTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly path: string;
}

/** Credentials used when the URL carries none. */
export interface FtpCredentials {
  readonly user?: string | undefined;
  readonly password?: string | undefined;
}

/** Parses `ftp://[user[:password]@]host[:port]/path`; anonymous login when no user is given. */
export const ftpTarget = (url: string, defaults: FtpCredentials = {}): FtpTarget => {
  const parsed = new URL(url);
  const user =
    parsed.username === '' ? (defaults.user ?? 'anonymous') : decodeURIComponent(parsed.username);
  const password =
    parsed.password === ''
      ? (defaults.password ?? (user === 'anonymous' ? 'anonymous@' : ''))
      : decodeURIComponent(parsed.password);
  return {
    host: parsed.hostname,
    port: parsed.port === '' ? 21 : Number(parsed.port),
    user,
    password,
    path: decodeURIComponent(parsed.pathname),
  };
};

/** Identity of the login a connection can be reused for. */
export const loginKey = (target: FtpTarget): string =>
  `${target.user}@${target.host}:${target.port}`;

/** basic-ftp's FTPError carries the numeric reply code; 4xx replies are transient (RFC 959). */
export const classifyFtpError = (error: unknown): unknown => {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'number') return error;
  return new TransferFailure(
    `FTP ${error instanceof Error ? error.message : String(error)}`,
    code >= 400 && code < 500,
    {
      cause: error,
    },
  );
};
