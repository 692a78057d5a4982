import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where scripts/services/sshd.sh keeps its keys; tests read the same env vars as the script. */
export const SSHD_DIR = process.env['PARSL_SSHD_DIR'] ?? '/tmp/parsl-ts-sshd';
export const SSHD_PORT = Number(process.env['PARSL_SSHD_PORT'] ?? '2222');
export const SSHD_HOST = '127.0.0.1';
export const SSHD_KEY = join(SSHD_DIR, 'id_ed25519');
/** A key sshd does not accept. */
export const SSHD_OTHER_KEY = join(SSHD_DIR, 'other_ed25519');
export const SSHD_KNOWN_HOSTS = join(SSHD_DIR, 'known_hosts');
export const SSHD_PASSWORD_USER = 'parsltest';
export const SSHD_PASSWORD = 'parsl-test-pw';
export const SSHD_OAUTH_USER = 'parsloauth';
export const SSHD_OAUTH_URL_FILE = join(SSHD_DIR, 'oauth', 'introspect_url');
export const SSHD_HOW_TO = 'start it with: sudo scripts/services/sshd.sh start';

/** SshChannel options for root on the test sshd with the test key, its scripts in `scriptDir`. */
export const rootSshOptions = (scriptDir: string) =>
  ({
    hostname: SSHD_HOST,
    port: SSHD_PORT,
    username: 'root',
    keyFilename: SSHD_KEY,
    knownHostsFile: SSHD_KNOWN_HOSTS,
    agent: '',
    scriptDir,
  }) as const;

const pidAlive = (pidFile: string): boolean => {
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 0);
    return true;
  } catch {
    return false;
  }
};

/** True when the test sshd runs and its client key is readable. */
export const sshdAvailable = existsSync(SSHD_KEY) && pidAlive(join(SSHD_DIR, 'sshd.pid'));
