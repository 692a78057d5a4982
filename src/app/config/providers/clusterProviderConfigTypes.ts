import { AdHocProviderConfig } from './AdHocProviderConfig.js';
import { CobaltProviderConfig } from './CobaltProviderConfig.js';
import { CondorProviderConfig } from './CondorProviderConfig.js';
import { GridEngineProviderConfig } from './GridEngineProviderConfig.js';
import { LsfProviderConfig } from './LsfProviderConfig.js';
import { PbsProProviderConfig } from './PbsProProviderConfig.js';
import { SlurmProviderConfig } from './SlurmProviderConfig.js';
import { TorqueProviderConfig } from './TorqueProviderConfig.js';

/**
 * The batch-scheduler and ad-hoc provider kinds; merge them into PROVIDER_CONFIG_TYPES (and
 * clusterProviderFactories into providerFactories).
 */
export const CLUSTER_PROVIDER_CONFIG_TYPES = [
  { name: 'slurm', value: SlurmProviderConfig },
  { name: 'torque', value: TorqueProviderConfig },
  { name: 'pbspro', value: PbsProProviderConfig },
  { name: 'cobalt', value: CobaltProviderConfig },
  { name: 'condor', value: CondorProviderConfig },
  { name: 'grid-engine', value: GridEngineProviderConfig },
  { name: 'lsf', value: LsfProviderConfig },
  { name: 'ad-hoc', value: AdHocProviderConfig },
] as const;

/** A batch-scheduler or ad-hoc provider config. */
export type ClusterProviderConfig = InstanceType<
  (typeof CLUSTER_PROVIDER_CONFIG_TYPES)[number]['value']
>;
