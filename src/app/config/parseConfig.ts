import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  ConfigurationError,
  type ConfigurationProblem,
} from '../../domain/errors/ConfigurationError.js';
import type { Executor } from '../../ports/Executor.js';
import { EXECUTOR_CONFIG_TYPES } from './executors/executorConfigTypes.js';
import { ParslConfig, type ParslConfigInput, type RetryHandler } from './ParslConfig.js';
import { parseAnyProviderConfig } from './providers/anyProvider.js';
import { validationProblems } from './validationProblems.js';

const KNOWN_KINDS: readonly string[] = EXECUTOR_CONFIG_TYPES.map((t) => t.name);

const isExecutorInstance = (value: unknown): value is Executor =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Executor).submit === 'function' &&
  typeof (value as Executor).start === 'function' &&
  typeof (value as Executor).label === 'string';

/**
 * Validates a configuration and returns it frozen, with defaults filled in. Every problem is
 * reported at once, each with its path and a hint.
 * @throws {ConfigurationError}
 */
export const parseConfig = (
  input: ParslConfigInput | ParslConfig | undefined = {},
): ParslConfig => {
  if (input instanceof ParslConfig) return input;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw ConfigurationError.single(
      '',
      `expected a configuration object, got ${Array.isArray(input) ? 'an array' : typeof input}`,
    );
  }
  const problems: ConfigurationProblem[] = [];
  const { executors, retryHandler, ...rest } = input as ParslConfigInput & Record<string, unknown>;
  const plainExecutors: unknown[] = [];
  const customExecutors: Executor[] = [];
  (executors ?? [{ kind: 'thread-pool' }]).forEach((entry, index) => {
    if (isExecutorInstance(entry)) customExecutors.push(entry);
    else if (typeof entry !== 'object' || entry === null)
      problems.push({
        path: `executors.${index}`,
        message: 'must be an executor config object or an Executor instance',
      });
    else if (!KNOWN_KINDS.includes(String((entry as { kind?: unknown }).kind))) {
      problems.push({
        path: `executors.${index}.kind`,
        message: `unknown executor kind ${JSON.stringify((entry as { kind?: unknown }).kind)}; known kinds: ${KNOWN_KINDS.join(', ')} (or pass an Executor instance)`,
      });
    } else plainExecutors.push(entry);
  });
  if (retryHandler !== undefined && typeof retryHandler !== 'function') {
    problems.push({ path: 'retryHandler', message: 'must be a function (error, task) => cost' });
  }
  const config = plainToInstance(ParslConfig, { ...rest, executors: plainExecutors });
  problems.push(
    ...validationProblems(validateSync(config, { whitelist: true, forbidNonWhitelisted: true })),
  );
  config.customExecutors = customExecutors;
  if (typeof retryHandler === 'function') config.retryHandler = retryHandler as RetryHandler;
  problems.push(...crossFieldProblems(config));
  if (problems.length > 0) throw new ConfigurationError(problems);
  return deepFreeze(config);
};

const crossFieldProblems = (config: ParslConfig): ConfigurationProblem[] => {
  const problems: ConfigurationProblem[] = [];
  const labels = [
    ...config.executors.map((e) => e.label),
    ...config.customExecutors.map((e) => e.label),
  ];
  labels.forEach((label, index) => {
    if (labels.indexOf(label) !== index)
      problems.push({
        path: `executors.${index}.label`,
        message: `duplicate executor label "${label}"; labels must be unique`,
      });
  });
  if (labels.length === 0)
    problems.push({ path: 'executors', message: 'at least one executor is needed' });
  config.executors.forEach((executor, index) => {
    const provider = (executor as { provider?: unknown }).provider;
    if (provider === undefined) return;
    try {
      parseAnyProviderConfig(provider, `executors.${index}.provider`);
    } catch (error: unknown) {
      if (error instanceof ConfigurationError) problems.push(...error.problems);
      else throw error;
    }
  });
  if (config.checkpointMode === 'periodic' && config.checkpointPeriod === undefined) {
    problems.push({
      path: 'checkpointPeriod',
      message: 'checkpointMode "periodic" needs checkpointPeriod, e.g. "00:30:00"',
    });
  }
  return problems;
};

const deepFreeze = <T>(value: T): T => {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    if (key !== 'customExecutors' && typeof child === 'object') deepFreeze(child);
  }
  return value;
};
