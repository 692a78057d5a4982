import { ExecutorError } from '../../domain/errors/ExecutorErrors.js';

/** Why an executor refuses a task outside its start() .. shutdown() life. */
export const submitRefused = (label: string, shutDown: boolean): ExecutorError =>
  new ExecutorError(
    label,
    shutDown ? 'submit called after shutdown()' : 'submit called before start()',
  );
