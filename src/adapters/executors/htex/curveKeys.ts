import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A CurveZMQ key pair in Z85 text (40 characters each). */
export interface CurveKeyPair {
  readonly publicKey: string;
  readonly secretKey: string;
}

/** The keys of one HTEX run: the interchange is the CURVE server; executor and pools are clients. */
export interface CurveKeys {
  readonly server: CurveKeyPair;
  readonly client: CurveKeyPair;
}

/** What a CURVE client (executor or pool) needs. */
export interface CurveClientKeys {
  readonly serverPublicKey: string;
  readonly client: CurveKeyPair;
}

/**
 * Makes a fresh server and client key pair and stores them in `certDir` (mode 0700) as
 * `server.key_secret`, `server.key`, `client.key_secret`, `client.key` (mode 0600).
 * Parsl: parsl.curvezmq.create_certificates
 */
export const createCurveKeys = async (certDir: string): Promise<CurveKeys> => {
  const { curveKeyPair } = await import('zeromq');
  const keys: CurveKeys = { server: curveKeyPair(), client: curveKeyPair() };
  mkdirSync(certDir, { recursive: true, mode: 0o700 });
  chmodSync(certDir, 0o700);
  for (const [name, pair] of Object.entries(keys) as Array<[string, CurveKeyPair]>) {
    writeKey(join(certDir, `${name}.key`), pair.publicKey);
    writeKey(join(certDir, `${name}.key_secret`), pair.secretKey);
  }
  return keys;
};

/** Reads the keys the interchange needs (server pair + the client public key it admits). */
export const loadServerKeys = (certDir: string): CurveKeys => ({
  server: {
    publicKey: readKey(certDir, 'server.key'),
    secretKey: readKey(certDir, 'server.key_secret'),
  },
  client: { publicKey: readKey(certDir, 'client.key'), secretKey: '' },
});

/** Reads the keys a pool or the executor needs. */
export const loadClientKeys = (certDir: string): CurveClientKeys => ({
  serverPublicKey: readKey(certDir, 'server.key'),
  client: {
    publicKey: readKey(certDir, 'client.key'),
    secretKey: readKey(certDir, 'client.key_secret'),
  },
});

/** ZeroMQ socket options that make a socket a CURVE client of the interchange. */
export const curveClientOptions = (keys: CurveClientKeys) => ({
  curveServerKey: keys.serverPublicKey,
  curvePublicKey: keys.client.publicKey,
  curveSecretKey: keys.client.secretKey,
});

/** ZeroMQ socket options that make a socket a CURVE server that asks ZAP to authenticate peers. */
export const curveServerOptions = (keys: CurveKeys) => ({
  curveServer: true,
  curvePublicKey: keys.server.publicKey,
  curveSecretKey: keys.server.secretKey,
  zapDomain: 'parsl-ts-htex',
});

const writeKey = (path: string, key: string): void => {
  writeFileSync(path, `${key}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
};

const readKey = (certDir: string, name: string): string => {
  const path = join(certDir, name);
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error: unknown) {
    throw new Error(
      `HTEX: cannot read CurveZMQ key ${path} (${error instanceof Error ? error.message : String(error)}). ` +
        'Pass the certificates directory the executor created (--cert-dir).',
      { cause: error },
    );
  }
  if (text.length !== 40)
    throw new Error(`HTEX: ${path} is not a Z85 CurveZMQ key (expected 40 characters)`);
  return text;
};

const Z85 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#';

/** Decodes Z85 text into raw bytes (ZAP hands over raw 32-byte keys). */
export const z85Decode = (text: string): Buffer => {
  const out = Buffer.alloc((text.length / 5) * 4);
  for (let i = 0; i < text.length; i += 5) {
    let value = 0;
    for (let j = 0; j < 5; j += 1) value = value * 85 + Z85.indexOf(text.charAt(i + j));
    out.writeUInt32BE(value >>> 0, (i / 5) * 4);
  }
  return out;
};
