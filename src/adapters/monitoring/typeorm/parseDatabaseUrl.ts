import { MonitoringError } from '../../../domain/errors/MonitoringErrors.js';

/** Where a monitoring database lives, parsed from an RFC-1738 URL. */
export type DatabaseLocation =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly url: string };

/**
 * Parses a monitoring database URL.
 * - `sqlite:///relative/monitoring.db`, `sqlite:////abs/monitoring.db` (SQLAlchemy style, as in Parsl),
 *   `sqlite:///:memory:`, or a bare file path;
 * - `postgresql://user:password@host:port/database` (also `postgres://`).
 * @throws {MonitoringError} for any other scheme or an empty path
 */
export const parseDatabaseUrl = (
  url: string,
  field = 'monitoring.loggingEndpoint',
): DatabaseLocation => {
  const trimmed = url.trim();
  const hint =
    'Use sqlite:///<path>, sqlite:////<absolute path> or postgresql://user:password@host:5432/db.';
  if (trimmed === '') {
    throw new MonitoringError(`${field}: the database URL is empty. ${hint}`);
  }
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    return { kind: 'sqlite', path: trimmed };
  }
  if (scheme === 'sqlite') {
    const rest = trimmed.slice('sqlite://'.length);
    const path = rest.startsWith('/') ? rest.slice(1) : rest;
    if (path === '') {
      throw new MonitoringError(`${field}: "${url}" names no SQLite file. ${hint}`);
    }
    return { kind: 'sqlite', path };
  }
  if (scheme === 'postgresql' || scheme === 'postgres') {
    try {
      const parsed = new URL(trimmed);
      if (parsed.hostname === '') {
        throw new Error('no host');
      }
    } catch (error: unknown) {
      throw new MonitoringError(
        `${field}: "${redactUrl(url)}" is not a valid PostgreSQL URL. ${hint}`,
        {
          cause: error,
        },
      );
    }
    return { kind: 'postgres', url: trimmed };
  }
  throw new MonitoringError(
    `${field}: unsupported database scheme "${scheme}:" in "${redactUrl(url)}". ${hint}`,
  );
};

/** The URL with any password replaced by `***`, safe for logs and pages. */
export const redactUrl = (url: string): string => url.replace(/(\/\/[^/:@]*:)[^@/]*@/, '$1***@');

/** A short, password-free description of a location. */
export const describeLocation = (location: DatabaseLocation): string =>
  location.kind === 'sqlite' ? `sqlite:${location.path}` : redactUrl(location.url);
