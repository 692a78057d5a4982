import { describe, expect, it } from 'vitest';
import { LocalChannel } from '../../../../src/adapters/channels/LocalChannel.js';
import { MpiExecLauncher } from '../../../../src/adapters/launchers/MpiExecLauncher.js';
import { SingleNodeLauncher } from '../../../../src/adapters/launchers/SingleNodeLauncher.js';
import { LocalProvider } from '../../../../src/adapters/providers/LocalProvider.js';
import { LocalProviderConfig } from '../../../../src/app/config/providers/LocalProviderConfig.js';
import { parseProviderConfig } from '../../../../src/app/config/providers/parseProviderConfig.js';
import { buildProvider } from '../../../../src/app/config/providers/providerFactories.js';
import { ConfigurationError } from '../../../../src/domain/errors/ConfigurationError.js';

const problemsOf = (input: unknown): string[] => {
  try {
    parseProviderConfig(input);
  } catch (error: unknown) {
    if (error instanceof ConfigurationError)
      return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  return [];
};

describe(parseProviderConfig.name, () => {
  describe("kind 'local'", () => {
    it('fills the LocalProvider defaults', () => {
      const config = parseProviderConfig({ kind: 'local' });
      expect(config).toMatchObject({
        kind: 'local',
        nodesPerBlock: 1,
        initBlocks: 1,
        minBlocks: 0,
        maxBlocks: 1,
        parallelism: 1,
        walltime: '00:15:00',
        workerInit: '',
        cmdTimeout: 30,
        launcher: { kind: 'single-node', debug: true, failOnAny: false },
        channel: { kind: 'local', envs: {} },
      });
    });

    it('builds nested launcher and channel nodes by kind', () => {
      const config = parseProviderConfig({
        kind: 'local',
        launcher: { kind: 'mpiexec', overrides: '--oversubscribe' },
        channel: { kind: 'local', scriptDir: '/tmp/s' },
      });
      expect([config.launcher.kind, config.launcher, config.channel.scriptDir]).toEqual([
        'mpiexec',
        expect.objectContaining({
          overrides: '--oversubscribe',
          bindCmd: '--bind-to',
          debug: true,
        }),
        '/tmp/s',
      ]);
    });

    it('returns a LocalProviderConfig instance', () => {
      expect(parseProviderConfig({ kind: 'local' })).toBeInstanceOf(LocalProviderConfig);
    });
  });

  describe('when the input is wrong', () => {
    it('names an unknown provider kind and lists the known ones', () => {
      expect(problemsOf({ kind: 'pbs' })).toEqual([
        'provider.kind: unknown provider kind "pbs"; known kinds: local',
      ]);
    });

    it('names an unknown launcher kind', () => {
      expect(problemsOf({ kind: 'local', launcher: { kind: 'qrun' } })[0]).toMatch(
        /^provider\.launcher\.kind: unknown launcher kind "qrun"; known kinds: simple, single-node, srun/,
      );
    });

    it('reports every problem at once with its path', () => {
      expect(
        problemsOf({
          kind: 'local',
          minBlocks: 3,
          maxBlocks: 2,
          walltime: '1h',
          parallelism: 2,
          bogus: 1,
        }),
      ).toEqual(
        expect.arrayContaining([
          'provider.maxBlocks: maxBlocks (2) must be >= minBlocks (3) and >= initBlocks (1)',
          'provider.walltime: walltime must look like "HH:MM:SS", e.g. "00:30:00"',
          'provider.parallelism: parallelism must not be greater than 1',
          'provider.bogus: property bogus should not exist',
        ]),
      );
    });

    it('reports a wrapped launcher without its command', () => {
      expect(problemsOf({ kind: 'local', launcher: { kind: 'wrapped' } })).toEqual(
        expect.arrayContaining([expect.stringMatching(/^provider\.launcher\.prepend: /)]),
      );
    });
  });
});

describe(buildProvider.name, () => {
  it('builds a LocalProvider with a LocalChannel under <runDir>/submit_scripts and a SingleNodeLauncher', () => {
    const provider = buildProvider(parseProviderConfig({ kind: 'local', maxBlocks: 3 }), {
      runDir: '/tmp/run/000',
    });
    expect(provider).toBeInstanceOf(LocalProvider);
    const local = provider as LocalProvider;
    expect([local.channel, local.channel.scriptDir, local.launcher, local.maxBlocks]).toEqual([
      expect.any(LocalChannel),
      '/tmp/run/000/submit_scripts',
      expect.any(SingleNodeLauncher),
      3,
    ]);
  });

  it('passes launcher options through', () => {
    const provider = buildProvider(
      parseProviderConfig({ kind: 'local', launcher: { kind: 'mpiexec', overrides: '-x' } }),
      { runDir: '/tmp/r' },
    ) as LocalProvider;
    expect(provider.launcher).toBeInstanceOf(MpiExecLauncher);
    expect(provider.launcher.wrap('w', 1, 1)).toContain(
      'mpiexec --bind-to none -x -n $WORKERCOUNT',
    );
  });
});
