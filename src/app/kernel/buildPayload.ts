import { AppBadFormatting, BashAppNoReturn } from '../../domain/errors/TaskErrors.js';
import type { BashPayload, FunctionPayload } from '../../ports/Executor.js';
import type { AppDefinition } from '../apps/AppDefinition.js';
import type { ResolvedArguments } from './resolveArguments.js';

type Ready = Extract<ResolvedArguments, { kind: 'ready' }>;

/**
 * What the executor runs for a ready task. Bash apps build their command line here, in the
 * kernel's process, so every executor can run them without shipping the builder function.
 * @throws {AppBadFormatting} the builder threw; {@link BashAppNoReturn} it returned no string
 */
export const buildPayload = (app: AppDefinition, ready: Ready): FunctionPayload | BashPayload => {
  if (app.kind !== 'bash')
    return { kind: 'function', fn: app.fn, ship: app.ship, args: ready.args };
  let command: unknown;
  try {
    command = app.fn(...ready.args);
  } catch (error: unknown) {
    throw new AppBadFormatting(app.name, { cause: error });
  }
  if (typeof command !== 'string' || command.trim() === '') {
    throw new BashAppNoReturn(app.name, command === '' ? 'an empty string' : String(command));
  }
  const outputs = (ready.special?.outputs ?? [])
    .filter((file) => file.scheme === 'file')
    .map((file) => file.filepath);
  return {
    kind: 'bash',
    command,
    outputs,
    ...(ready.stdout === undefined ? {} : { stdout: ready.stdout }),
    ...(ready.stderr === undefined ? {} : { stderr: ready.stderr }),
  };
};
