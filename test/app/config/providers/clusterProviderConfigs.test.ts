import { describe, expect, it } from 'vitest';
import { clusterProviderFactories } from '../../../../src/app/config/providers/clusterProviderFactories.js';
import { parseClusterProviderConfig } from '../../../../src/app/config/providers/parseClusterProviderConfig.js';

describe('batch provider config defaults (Parsl 0.9 signatures)', () => {
  it.each([
    [
      'slurm',
      { partition: 'debug' },
      {
        walltime: '00:10:00',
        cmdTimeout: 10,
        maxBlocks: 10,
        initBlocks: 1,
        launcher: 'single-node',
        exclusive: true,
      },
    ],
    [
      'torque',
      {},
      { walltime: '00:20:00', cmdTimeout: 120, maxBlocks: 100, initBlocks: 1, launcher: 'aprun' },
    ],
    [
      'pbspro',
      {},
      {
        walltime: '00:20:00',
        cmdTimeout: 120,
        maxBlocks: 100,
        initBlocks: 1,
        launcher: 'single-node',
        cpusPerNode: 1,
      },
    ],
    [
      'cobalt',
      {},
      { walltime: '00:10:00', cmdTimeout: 10, maxBlocks: 10, initBlocks: 0, launcher: 'aprun' },
    ],
    [
      'condor',
      {},
      {
        walltime: '00:10:00',
        cmdTimeout: 60,
        maxBlocks: 10,
        initBlocks: 1,
        launcher: 'single-node',
      },
    ],
    [
      'grid-engine',
      {},
      {
        walltime: '00:10:00',
        cmdTimeout: 10,
        maxBlocks: 10,
        initBlocks: 1,
        launcher: 'single-node',
      },
    ],
    [
      'lsf',
      {},
      {
        walltime: '00:10:00',
        cmdTimeout: 120,
        maxBlocks: 10,
        initBlocks: 1,
        launcher: 'single-node',
        bsubRedirection: true,
      },
    ],
  ] as const)('%s', (kind, extra, expected) => {
    const config = parseClusterProviderConfig({ kind, ...extra });
    const { launcher, ...fields } = expected;
    expect(config).toMatchObject(fields);
    expect([
      config.launcher.kind,
      config.channel.kind,
      'moveFiles' in config && config.moveFiles,
    ]).toEqual([launcher, 'local', true]);
  });

  it('ad-hoc defaults to the simple launcher', () => {
    const config = parseClusterProviderConfig({
      kind: 'ad-hoc',
      channels: [{ kind: 'ssh', hostname: 'n1' }],
    });
    expect([
      config.launcher.kind,
      config.kind === 'ad-hoc' ? config.channels[0]?.kind : '',
    ]).toEqual(['simple', 'ssh']);
  });

  it('has a factory for every kind', () => {
    expect(Object.keys(clusterProviderFactories).sort()).toEqual([
      'ad-hoc',
      'cobalt',
      'condor',
      'grid-engine',
      'lsf',
      'pbspro',
      'slurm',
      'torque',
    ]);
  });
});

describe('SSH channel config nodes', () => {
  it('accepts ssh, ssh-interactive and oauth-ssh channels with defaults', () => {
    const config = parseClusterProviderConfig({
      kind: 'ad-hoc',
      channels: [
        { kind: 'ssh', hostname: 'a' },
        { kind: 'ssh-interactive', hostname: 'b', responses: [{ match: 'OTP', answer: '123456' }] },
        {
          kind: 'oauth-ssh',
          hostname: 'c',
          tokenUrl: 'https://auth.example.org/token',
          clientId: 'parsl',
        },
      ],
    });
    expect(
      config.kind === 'ad-hoc'
        ? config.channels.map((c) => [
            c.kind,
            'port' in c ? c.port : 0,
            'hostKeyPolicy' in c ? c.hostKeyPolicy : '',
          ])
        : [],
    ).toEqual([
      ['ssh', 22, 'strict'],
      ['ssh-interactive', 22, 'strict'],
      ['oauth-ssh', 22, 'strict'],
    ]);
  });

  it('reports every bad channel field with its path', () => {
    let message = '';
    try {
      parseClusterProviderConfig(
        {
          kind: 'ad-hoc',
          channels: [
            { kind: 'oauth-ssh', hostname: 'c', tokenUrl: 'not a url', hostKeyPolicy: 'trust-all' },
          ],
        },
        'executors.0.provider',
      );
    } catch (error: unknown) {
      message = String(error);
    }
    for (const field of ['hostKeyPolicy', 'tokenUrl', 'clientId']) {
      expect(message).toContain(`executors.0.provider.channels.0.${field}:`);
    }
  });
});
