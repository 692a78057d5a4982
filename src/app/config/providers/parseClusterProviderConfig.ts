import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ConfigurationError } from '../../../domain/errors/ConfigurationError.js';
import { validationProblems } from '../validationProblems.js';
import {
  CLUSTER_PROVIDER_CONFIG_TYPES,
  type ClusterProviderConfig,
} from './clusterProviderConfigTypes.js';

/**
 * Validates a batch-scheduler / ad-hoc provider config node (kinds slurm, torque, pbspro, cobalt,
 * condor, grid-engine, lsf, ad-hoc), filling defaults. Every problem is reported with its path.
 * @throws {ConfigurationError}
 */
export const parseClusterProviderConfig = (
  input: unknown,
  path = 'provider',
): ClusterProviderConfig => {
  const known = CLUSTER_PROVIDER_CONFIG_TYPES.map((t) => t.name);
  const kind =
    typeof input === 'object' && input !== null ? (input as { kind?: unknown }).kind : undefined;
  const type = CLUSTER_PROVIDER_CONFIG_TYPES.find((t) => t.name === kind)?.value;
  if (type === undefined) {
    throw ConfigurationError.single(
      `${path}.kind`,
      `unknown provider kind ${JSON.stringify(kind)}; known kinds: ${known.join(', ')}`,
    );
  }
  const config = plainToInstance(type as new () => ClusterProviderConfig, input as object);
  const problems = validationProblems(
    validateSync(config, { whitelist: true, forbidNonWhitelisted: true }),
    path,
  );
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
};
