import { SerializationError } from '../../../domain/errors/ExecutorErrors.js';
import type { ExecutorTask } from '../../../ports/Executor.js';
import { ArgumentProblem } from '../worker/valueCodec.js';

const CLONE_FIX =
  'Pass plain data (primitives, arrays, plain objects, Date, Map, Set, typed arrays, File), or run the app on an in-process executor.';

/** An argument the codec refused (a function or symbol inside it). */
export const argumentError = (
  executor: string,
  task: ExecutorTask,
  error: unknown,
): SerializationError => {
  if (!(error instanceof ArgumentProblem)) {
    const detail = error instanceof Error ? error.message : String(error);
    return new SerializationError(
      executor,
      `app ${task.appName}: preparing its arguments threw ${detail}`,
    );
  }
  return new SerializationError(
    executor,
    `app ${task.appName}: argument ${error.index} cannot be sent to a worker thread: it contains ${error.message}, which structured clone cannot copy. ${CLONE_FIX}`,
  );
};

/** Arguments that structured clone itself refused (e.g. a class instance holding a function). */
export const unclonableArgumentsError = (
  executor: string,
  task: ExecutorTask,
  args: readonly unknown[],
  error: unknown,
): SerializationError => {
  const index = args.findIndex((arg) => !isCloneable(arg));
  const detail = error instanceof Error ? error.message : String(error);
  const where = index < 0 ? 'its arguments' : `argument ${index}`;
  return new SerializationError(
    executor,
    `app ${task.appName}: ${where} cannot be sent to a worker thread (${detail}). ${CLONE_FIX}`,
  );
};

const isCloneable = (value: unknown): boolean => {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
};
