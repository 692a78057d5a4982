import { describe, expect, it } from 'vitest';
import {
  computeWorkerCount,
  detectNode,
  parsePoolArgs,
} from '../../../../src/adapters/executors/htex/poolOptions.js';

describe('parsePoolArgs', () => {
  it('reads every flag', () => {
    const options = parsePoolArgs([
      '--addresses',
      'a,b',
      '--port',
      '54001',
      '--block-id',
      '3',
      '--manager-id',
      'm1',
      '--max-workers',
      '4',
      '--cores-per-worker',
      '0.5',
      '--mem-per-worker',
      '2',
      '--prefetch-capacity',
      '10',
      '--heartbeat-period',
      '1',
      '--heartbeat-threshold',
      '5',
      '--drain-period',
      '60',
      '--cert-dir',
      '/c',
      '--logdir',
      '/l',
      '--debug',
      '--ipc',
      'ipc:///tmp/ix/workers.sock',
      '--ipc-host',
      'login1',
    ]);
    expect(options).toMatchObject({
      addresses: ['a', 'b'],
      port: 54001,
      blockId: '3',
      managerId: 'm1',
      maxWorkers: 4,
      coresPerWorker: 0.5,
      memPerWorker: 2,
      prefetchCapacity: 10,
      heartbeatPeriod: 1,
      heartbeatThreshold: 5,
      drainPeriod: 60,
      certDir: '/c',
      logDir: '/l',
      debug: true,
      ipc: 'ipc:///tmp/ix/workers.sock',
      ipcHost: 'login1',
    });
  });

  it('returns help for --help', () => {
    expect(parsePoolArgs(['--help'])).toBe('help');
  });

  it.each([
    [['--port', '1'], /--addresses is required/],
    [['--addresses', 'h'], /--port is required/],
    [['--addresses', 'h', '--port', 'x'], /--port must be a number >= 1 \(got "x"\)/],
    [
      ['--addresses', 'h', '--port', '1', '--prefetch-capacity=-1'],
      /--prefetch-capacity must be a number >= 0/,
    ],
  ])('rejects %j with a message naming the flag', (argv, message) => {
    expect(() => parsePoolArgs(argv)).toThrow(message);
  });
});

describe('computeWorkerCount (Parsl: Manager worker_count)', () => {
  it.each([
    [{ maxWorkers: Infinity, coresPerWorker: 1, memPerWorker: undefined }, 8, 64, 8],
    [{ maxWorkers: 2, coresPerWorker: 1, memPerWorker: undefined }, 8, 64, 2],
    [{ maxWorkers: Infinity, coresPerWorker: 0.5, memPerWorker: undefined }, 4, 64, 8],
    [{ maxWorkers: Infinity, coresPerWorker: 1, memPerWorker: 10 }, 8, 35, 3],
    [{ maxWorkers: Infinity, coresPerWorker: 4, memPerWorker: undefined }, 2, 64, 1],
  ])('%j on %d cores and %d GB gives %d workers', (options, cores, memory, expected) => {
    expect(computeWorkerCount(options, cores, memory)).toBe(expected);
  });
});

describe('detectNode', () => {
  it('honours PARSL_CORES and PARSL_MEMORY_GB', () => {
    expect(detectNode({ PARSL_CORES: '12', PARSL_MEMORY_GB: '3.5' })).toEqual({
      cores: 12,
      memoryGb: 3.5,
    });
  });
});
