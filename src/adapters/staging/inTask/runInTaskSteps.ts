import { ParslError } from '../../../domain/errors/ParslError.js';
import { StagingError } from '../../../domain/errors/StagingErrors.js';
import type { InTaskStagingStep } from '../../../ports/StagingProvider.js';

/** URL of this module: workers import it to run a staged task. */
export const RUN_IN_TASK_STEPS_MODULE = import.meta.url;

type StepFunction = (args: InTaskStagingStep['args']) => unknown;

/**
 * Runs in-task staging steps in order, inside the task on the worker: each step's module is
 * imported and its export awaited with the step's JSON arguments.
 * @throws {StagingError} when a step's module or export cannot be loaded, or a step fails with a
 * non-parsl error; a step's own ParslError (e.g. StagingTransferError) is rethrown as it is
 */
export const runInTaskSteps = async (steps: readonly InTaskStagingStep[]): Promise<void> => {
  for (const step of steps) {
    let run: StepFunction;
    try {
      const module = (await import(step.moduleUrl)) as Record<string, unknown>;
      const exported = module[step.exportName];
      if (typeof exported !== 'function') {
        throw new TypeError(`module ${step.moduleUrl} has no function export "${step.exportName}"`);
      }
      run = exported as StepFunction;
    } catch (error: unknown) {
      throw new StagingError(
        step.description,
        `in-task staging step cannot be loaded on the worker: ${String(error)}`,
        {
          cause: error,
        },
      );
    }
    try {
      await run(step.args);
    } catch (error: unknown) {
      if (ParslError.is(error)) throw error;
      throw new StagingError(step.description, `in-task staging step failed: ${String(error)}`, {
        cause: error,
      });
    }
  }
};
