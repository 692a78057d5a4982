import { ParslError } from './ParslError.js';

/** One problem found in a configuration: where it is and what is wrong. */
export interface ConfigurationProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * The configuration is invalid. Lists every problem at once, one per line, with its path.
 * Parsl: parsl.dataflow.error.ConfigurationError
 */
export class ConfigurationError extends ParslError {
  public readonly problems: readonly ConfigurationProblem[];

  public constructor(
    problems: readonly ConfigurationProblem[],
    heading = 'Invalid Parsl configuration:',
  ) {
    const lines = problems.map((p) => `  ${p.path === '' ? '(root)' : p.path}: ${p.message}`);
    super('CONFIGURATION_INVALID', [heading, ...lines].join('\n'));
    this.problems = problems;
  }

  /** A single problem, for errors found outside parseConfig (e.g. an unknown label at call time). */
  public static single(path: string, message: string): ConfigurationError {
    return new ConfigurationError([{ path, message }]);
  }
}
