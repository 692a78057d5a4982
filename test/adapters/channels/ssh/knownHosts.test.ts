import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  formatKnownHostsLine,
  knownHostsName,
  parseKnownHosts,
  verifyHostKey,
} from '../../../../src/adapters/channels/ssh/knownHosts.js';

const blob = (type: string, body: string): Buffer => {
  const t = Buffer.from(type);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(t.length);
  return Buffer.concat([len, t, Buffer.from(body)]);
};
const KEY = blob('ssh-ed25519', 'key-a');
const OTHER = blob('ssh-ed25519', 'key-b');

describe('known_hosts', () => {
  it('names non-22 ports in brackets', () => {
    expect([knownHostsName('h', 22), knownHostsName('h', 2222)]).toEqual(['h', '[h]:2222']);
  });

  it('matches, mismatches and does not know hosts', () => {
    const entries = parseKnownHosts(`# comment\n${formatKnownHostsLine('login', 22, KEY)}\n`);
    expect([
      verifyHostKey(entries, 'login', 22, KEY),
      verifyHostKey(entries, 'login', 22, OTHER),
      verifyHostKey(entries, 'login', 2222, KEY),
    ]).toEqual(['match', 'mismatch', 'unknown']);
  });

  it('understands hashed names, host lists, wildcards and @revoked', () => {
    const salt = Buffer.from('0123456789abcdef0123');
    const hash = createHmac('sha1', salt).update('[n1]:2222').digest('base64');
    const text = [
      `|1|${salt.toString('base64')}|${hash} ssh-ed25519 ${KEY.toString('base64')}`,
      `a,b ssh-ed25519 ${KEY.toString('base64')}`,
      `*.example.org ssh-ed25519 ${KEY.toString('base64')}`,
      `@revoked * ssh-ed25519 ${OTHER.toString('base64')}`,
      `@cert-authority * ssh-ed25519 ${OTHER.toString('base64')}`,
    ].join('\n');
    const entries = parseKnownHosts(text);
    expect([
      verifyHostKey(entries, 'n1', 2222, KEY),
      verifyHostKey(entries, 'b', 22, KEY),
      verifyHostKey(entries, 'login.example.org', 22, KEY),
      verifyHostKey(entries, 'b', 22, OTHER),
    ]).toEqual(['match', 'match', 'match', 'revoked']);
  });
});
