import { describe, expect, it } from 'vitest';
import {
  buildPoolCommand,
  isLoopbackAddress,
  poolBindHost,
  shellQuote,
} from '../../../../src/adapters/executors/htex/poolCommand.js';

describe('buildPoolCommand', () => {
  const base = {
    address: '10.0.0.5',
    port: 54123,
    maxWorkers: 4,
    coresPerWorker: 2,
    memPerWorker: undefined,
    prefetchCapacity: 1,
    heartbeatPeriod: 30,
    heartbeatThreshold: 120,
    drainPeriod: undefined,
    certDir: '/run/certs',
    logDir: '/run dir/htex',
    debug: true,
    workingDir: undefined,
    ipc: { endpoint: 'ipc:///tmp/x/workers.sock', host: 'login1' },
  };

  it('runs the pool entry with every option and leaves {block_id} for the executor', () => {
    const command = buildPoolCommand(base);
    expect(command).toMatch(
      /workerPoolMain\.(js|ts) --addresses 10\.0\.0\.5 --port 54123 --block-id \{block_id\}/,
    );
    expect(command).toContain('--max-workers 4 --cores-per-worker 2');
    expect(command).toContain("--logdir '/run dir/htex'");
    expect(command).toContain('--cert-dir /run/certs');
    expect(command).toContain('--debug');
    expect(command).toContain('--ipc ipc:///tmp/x/workers.sock --ipc-host login1');
  });

  it('leaves out an unlimited worker cap', () => {
    expect(buildPoolCommand({ ...base, maxWorkers: Infinity })).not.toContain('--max-workers');
  });
});

describe('shellQuote', () => {
  it.each([
    ['plain', 'plain'],
    ["it's", "'it'\\''s'"],
    ['a b', "'a b'"],
  ])('%s -> %s', (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });
});

describe('isLoopbackAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['localhost', true],
    ['::1', true],
    ['10.1.2.3', false],
    ['login1.cluster', false],
  ])('%s -> %s', (address, loopback) => {
    expect(isLoopbackAddress(address)).toBe(loopback);
  });
});

describe('poolBindHost', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['localhost', '127.0.0.1'],
    ['10.1.2.3', '10.1.2.3'],
    ['fe80::1', 'fe80::1'],
    ['login1.cluster.org', '*'],
  ])('binds for %s on %s', (address, host) => {
    expect(poolBindHost(address)).toBe(host);
  });
});
