import { describe, expect, it } from 'vitest';
import { config as adHocHosts } from '../../examples/sites/adHocHosts.js';
import { config as cobaltTheta } from '../../examples/sites/cobaltTheta.js';
import { config as condorOsg } from '../../examples/sites/condorOsg.js';
import { config as gridEngineCcIn2p3 } from '../../examples/sites/gridEngineCcIn2p3.js';
import { config as lsfSummit } from '../../examples/sites/lsfSummit.js';
import { config as pbsPro } from '../../examples/sites/pbsPro.js';
import { config as pbsTorque } from '../../examples/sites/pbsTorque.js';
import { config as slurmCluster } from '../../examples/sites/slurmCluster.js';
import { config as slurmOverSsh } from '../../examples/sites/slurmOverSsh.js';
import type { ParslConfigInput } from '../../src/app/config/ParslConfig.js';
import { parseConfig } from '../../src/app/config/parseConfig.js';
import { buildClusterProvider } from '../../src/app/config/providers/clusterProviderFactories.js';
import { parseClusterProviderConfig } from '../../src/app/config/providers/parseClusterProviderConfig.js';
import { ConfigurationError } from '../../src/domain/errors/ConfigurationError.js';

const SITES = [
  ['slurmCluster', slurmCluster, 'slurm', 'SlurmProvider'],
  ['slurmOverSsh', slurmOverSsh, 'slurm', 'SlurmProvider'],
  ['pbsTorque', pbsTorque, 'torque', 'TorqueProvider'],
  ['pbsPro', pbsPro, 'pbspro', 'PbsProProvider'],
  ['cobaltTheta', cobaltTheta, 'cobalt', 'CobaltProvider'],
  ['condorOsg', condorOsg, 'condor', 'CondorProvider'],
  ['gridEngineCcIn2p3', gridEngineCcIn2p3, 'grid-engine', 'GridEngineProvider'],
  ['lsfSummit', lsfSummit, 'lsf', 'LsfProvider'],
  ['adHocHosts', adHocHosts, 'ad-hoc', 'AdHocProvider'],
] as const;

describe('examples/sites', () => {
  describe.each(SITES)('%s', (_name, site, kind, adapter) => {
    const executor = site.executors[0];

    it(`has a valid ${kind} provider node`, () => {
      const provider = parseClusterProviderConfig(executor.provider, 'executors.0.provider');
      expect(provider.kind).toBe(kind);
    });

    it(`builds a ${adapter} without I/O, named after the executor`, async () => {
      const provider = buildClusterProvider(parseClusterProviderConfig(executor.provider), {
        runDir: '/nonexistent/runinfo/000',
        executorLabel: executor.label,
      });
      expect([provider.kind, (provider as unknown as { label: string }).label]).toEqual([
        kind,
        `${adapter}[${executor.label}]`,
      ]);
      await provider.close();
    });

    it('passes parseConfig', () => {
      expect(() => parseConfig(site as unknown as ParslConfigInput)).not.toThrow();
    });
  });

  describe('bad site configs are reported with their paths', () => {
    it('parseConfig names the executor and the provider field', () => {
      const { partition: _p, ...provider } = slurmCluster.executors[0].provider;
      const site = { executors: [{ ...slurmCluster.executors[0], provider }] };
      expect(() => parseConfig(site as unknown as ParslConfigInput)).toThrow(
        /executors\.0\.provider\.partition: partition is required/,
      );
    });

    it('names a missing partition and how to list them', () => {
      const { partition: _p, ...noPartition } = slurmCluster.executors[0].provider;
      expect(() => parseClusterProviderConfig(noPartition, 'executors.0.provider')).toThrow(
        /executors\.0\.provider\.partition: partition is required.*sinfo/,
      );
    });

    it('lists every problem at once, nested channels included', () => {
      const bad = {
        kind: 'slurm',
        partition: 'debug',
        walltime: '10 minutes',
        channel: { kind: 'ssh', port: 70000 },
      };
      let error: unknown;
      try {
        parseClusterProviderConfig(bad, 'executors.0.provider');
      } catch (e: unknown) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigurationError);
      const paths = (error as ConfigurationError).problems.map((p) => p.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'executors.0.provider.walltime',
          'executors.0.provider.channel.hostname',
          'executors.0.provider.channel.port',
        ]),
      );
    });

    it('refuses an ad-hoc provider without hosts', () => {
      expect(() => parseClusterProviderConfig({ kind: 'ad-hoc', channels: [] })).toThrow(
        /channels needs at least one host/,
      );
    });

    it('refuses an unknown provider kind with the known ones', () => {
      expect(() => parseClusterProviderConfig({ kind: 'sge' })).toThrow(
        /unknown provider kind "sge".*grid-engine/,
      );
    });
  });
});
