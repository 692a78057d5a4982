import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  ConfigurationError,
  type ConfigurationProblem,
} from '../../../domain/errors/ConfigurationError.js';
import { ALL_CHANNEL_CONFIG_TYPES } from '../channels/remoteChannelConfigTypes.js';
import { LAUNCHER_CONFIG_TYPES } from '../launchers/LauncherConfigs.js';
import { validationProblems } from '../validationProblems.js';
import { PROVIDER_CONFIG_TYPES, type ProviderConfig } from './providerConfigTypes.js';

const kinds = (types: readonly { readonly name: string }[]): string[] => types.map((t) => t.name);

const kindProblem = (
  value: unknown,
  path: string,
  known: readonly string[],
  what: string,
): ConfigurationProblem[] => {
  if (typeof value !== 'object' || value === null) {
    return [{ path, message: `must be a ${what} config object with a kind (${known.join(', ')})` }];
  }
  const kind = (value as { kind?: unknown }).kind;
  return known.includes(String(kind))
    ? []
    : [
        {
          path: `${path}.kind`,
          message: `unknown ${what} kind ${JSON.stringify(kind)}; known kinds: ${known.join(', ')}`,
        },
      ];
};

/**
 * Validates a provider config node (e.g. an executor's `provider`), filling defaults; nested
 * `launcher` and `channel` nodes are checked too. Every problem is reported at once with its path.
 * @throws {ConfigurationError}
 */
export const parseProviderConfig = (input: unknown, path = 'provider'): ProviderConfig => {
  const problems = kindProblem(input, path, kinds(PROVIDER_CONFIG_TYPES), 'provider');
  if (problems.length > 0) throw new ConfigurationError(problems);
  const plain = input as { kind?: unknown; launcher?: unknown; channel?: unknown };
  if (plain.launcher !== undefined) {
    problems.push(
      ...kindProblem(plain.launcher, `${path}.launcher`, kinds(LAUNCHER_CONFIG_TYPES), 'launcher'),
    );
  }
  if (plain.channel !== undefined) {
    problems.push(
      ...kindProblem(plain.channel, `${path}.channel`, kinds(ALL_CHANNEL_CONFIG_TYPES), 'channel'),
    );
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  const type = PROVIDER_CONFIG_TYPES.find((t) => t.name === plain.kind)?.value;
  if (type === undefined) throw ConfigurationError.single(`${path}.kind`, 'unknown provider kind');
  const config = plainToInstance(type, plain) as ProviderConfig;
  problems.push(
    ...validationProblems(
      validateSync(config, { whitelist: true, forbidNonWhitelisted: true }),
      path,
    ),
  );
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
};
