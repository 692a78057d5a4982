import { createHmac } from 'node:crypto';

/** One usable line of an OpenSSH known_hosts file. */
export interface KnownHostEntry {
  /** Host patterns as written: "name", "[name]:port" or a hashed "|1|salt|hash". */
  readonly hosts: readonly string[];
  readonly keyType: string;
  /** The raw public key blob (base64-decoded third field). */
  readonly key: Buffer;
  readonly revoked: boolean;
}

/** Verdict on a presented host key. */
export type HostKeyVerdict = 'match' | 'mismatch' | 'unknown' | 'revoked';

/** Parses known_hosts text; skips comments, blank lines and @cert-authority lines. */
export const parseKnownHosts = (text: string): KnownHostEntry[] => {
  const entries: KnownHostEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    let revoked = false;
    if (fields[0]?.startsWith('@') === true) {
      if (fields[0] !== '@revoked') continue;
      revoked = true;
      fields.shift();
    }
    const [hosts, keyType, key] = fields;
    if (hosts === undefined || keyType === undefined || key === undefined) continue;
    entries.push({ hosts: hosts.split(','), keyType, key: Buffer.from(key, 'base64'), revoked });
  }
  return entries;
};

/** The name OpenSSH writes for a host: "host" on port 22, "[host]:port" otherwise. */
export const knownHostsName = (host: string, port: number): string =>
  port === 22 ? host : `[${host}]:${port}`;

const patternMatches = (pattern: string, name: string): boolean => {
  if (pattern.startsWith('|1|')) {
    const [, , salt, hash] = pattern.split('|');
    if (salt === undefined || hash === undefined) return false;
    const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return digest === hash;
  }
  if (pattern.startsWith('!')) return false;
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(name);
};

/** Checks `key` (raw blob) for `host:port` against the entries. */
export const verifyHostKey = (
  entries: readonly KnownHostEntry[],
  host: string,
  port: number,
  key: Buffer,
): HostKeyVerdict => {
  const name = knownHostsName(host, port);
  const forHost = entries.filter((e) => e.hosts.some((p) => patternMatches(p, name)));
  if (forHost.some((e) => e.revoked && e.key.equals(key))) return 'revoked';
  const live = forHost.filter((e) => !e.revoked);
  if (live.length === 0) return 'unknown';
  return live.some((e) => e.key.equals(key)) ? 'match' : 'mismatch';
};

/** The key type name inside an SSH public key blob (its first length-prefixed string). */
export const keyTypeOf = (key: Buffer): string => {
  if (key.length < 4) return 'unknown';
  const len = key.readUInt32BE(0);
  return key.subarray(4, 4 + len).toString('ascii');
};

/** A known_hosts line for `host:port` with `key`. */
export const formatKnownHostsLine = (host: string, port: number, key: Buffer): string =>
  `${knownHostsName(host, port)} ${keyTypeOf(key)} ${key.toString('base64')}`;
