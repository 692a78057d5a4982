import { appendFile, readFile } from 'node:fs/promises';
import {
  formatKnownHostsLine,
  type KnownHostEntry,
  parseKnownHosts,
  verifyHostKey,
} from './knownHosts.js';

/**
 * Checks a presented host key against a known_hosts file, the way OpenSSH's
 * StrictHostKeyChecking=yes / accept-new do, and remembers why it refused one.
 */
export class HostKeyChecker {
  private entries: KnownHostEntry[] = [];
  /** Why the last key was refused (read after a failed handshake). */
  public lastProblem: string | undefined;

  public constructor(
    private readonly file: string,
    private readonly policy: 'strict' | 'accept-new',
    private readonly host: string,
    private readonly port: number,
  ) {}

  public async load(): Promise<void> {
    this.lastProblem = undefined;
    const text = await readFile(this.file, 'utf8').catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw error;
    });
    this.entries = parseKnownHosts(text);
  }

  /** ssh2 hostVerifier: true to accept. */
  public verify(key: Buffer): boolean {
    const verdict = verifyHostKey(this.entries, this.host, this.port, key);
    const where = `${this.host}:${this.port}`;
    switch (verdict) {
      case 'match':
        return true;
      case 'revoked':
        this.lastProblem = `the key of ${where} is marked @revoked in ${this.file}`;
        return false;
      case 'mismatch':
        this.lastProblem = `the key of ${where} does not match the one in ${this.file} (possible man-in-the-middle, or the host was reinstalled). Remove the old line with: ssh-keygen -R '${this.port === 22 ? this.host : `[${this.host}]:${this.port}`}' -f ${this.file}`;
        return false;
      case 'unknown':
        if (this.policy === 'accept-new') {
          const line = formatKnownHostsLine(this.host, this.port, key);
          this.entries.push(...parseKnownHosts(line));
          appendFile(this.file, `${line}\n`).catch(() => undefined);
          return true;
        }
        this.lastProblem = `${where} is not in ${this.file}. Add it with: ssh-keyscan -p ${this.port} ${this.host} >> ${this.file}, or set hostKeyPolicy: 'accept-new' for the first contact`;
        return false;
    }
  }
}
