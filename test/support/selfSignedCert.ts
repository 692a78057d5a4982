import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** A self-signed certificate for 127.0.0.1 / localhost, made with Debian's openssl at test time. */
export interface SelfSignedCert {
  readonly key: string;
  readonly cert: string;
  /** Path of the certificate (it is its own CA): what a client's `caFile` option points at. */
  readonly caFile: string;
}

export const makeSelfSignedCert = async (dir: string): Promise<SelfSignedCert> => {
  const keyFile = join(dir, 'key.pem');
  const caFile = join(dir, 'cert.pem');
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-keyout',
    keyFile,
    '-out',
    caFile,
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ]);
  return { key: await readFile(keyFile, 'utf8'), cert: await readFile(caFile, 'utf8'), caFile };
};
