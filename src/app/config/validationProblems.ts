import type { ValidationError } from 'class-validator';
import type { ConfigurationProblem } from '../../domain/errors/ConfigurationError.js';

/**
 * Turns class-validator's nested errors into flat `path: message` problems, e.g.
 * `executors.0.provider.minBlocks: minBlocks must not be less than 0`.
 */
export const validationProblems = (
  errors: readonly ValidationError[],
  prefix = '',
): ConfigurationProblem[] =>
  errors.flatMap((error) => {
    const path = prefix === '' ? error.property : `${prefix}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...validationProblems(error.children ?? [], path)];
  });
