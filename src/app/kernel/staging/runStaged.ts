import { BashRunner } from '../../../adapters/executors/bash/BashRunner.js';
import { FunctionLoader } from '../../../adapters/executors/worker/FunctionLoader.js';
import { runInTaskSteps } from '../../../adapters/staging/inTask/runInTaskSteps.js';
import type { BashPayload, ModuleFunctionRef, ShippedFunction } from '../../../ports/Executor.js';
import type { InTaskStagingStep } from '../../../ports/StagingProvider.js';

/**
 * The worker side of in-task staging. A task whose staging providers contributed in-task steps is
 * sent as a call of one of these exports with a JSON spec as its first argument, so any executor
 * (in-process, threads, HTEX workers) runs: steps before, the app, steps after.
 * Parsl: the wrapper functions that Staging.replace_task returns
 */
const MODULE_URL = import.meta.url;

/** Staging steps around a function app; `fn` is the app's own shipped function. */
export interface StagedFunctionSpec {
  readonly before: readonly InTaskStagingStep[];
  readonly after: readonly InTaskStagingStep[];
  readonly fn: ShippedFunction;
}

/** Staging steps around a bash app's command. */
export interface StagedBashSpec {
  readonly before: readonly InTaskStagingStep[];
  readonly after: readonly InTaskStagingStep[];
  readonly bash: BashPayload;
  readonly appName: string;
  readonly walltimeSeconds: number | null;
}

export const RUN_STAGED_FUNCTION: ModuleFunctionRef = {
  kind: 'module',
  moduleUrl: MODULE_URL,
  exportName: 'runStagedFunction',
};
export const RUN_STAGED_BASH: ModuleFunctionRef = {
  kind: 'module',
  moduleUrl: MODULE_URL,
  exportName: 'runStagedBash',
};

let loader: FunctionLoader | undefined;

/** Runs `steps`, then `call`, then `after` (only when `call` succeeded); returns the call's value. */
export const aroundSteps = async <TResult>(
  before: readonly InTaskStagingStep[],
  call: () => TResult | Promise<TResult>,
  after: readonly InTaskStagingStep[],
): Promise<TResult> => {
  await runInTaskSteps(before);
  const result = await call();
  await runInTaskSteps(after);
  return result;
};

/** Worker entry for a staged function app: loads the app's function and runs it between the steps. */
export const runStagedFunction = async (
  spec: StagedFunctionSpec,
  ...args: unknown[]
): Promise<unknown> => {
  loader ??= new FunctionLoader();
  const fn = await loader.load(spec.fn);
  return aroundSteps(spec.before, () => fn(...args), spec.after);
};

/** Worker entry for a staged bash app: runs the command under bash between the steps. */
export const runStagedBash = (spec: StagedBashSpec): Promise<number> =>
  aroundSteps(
    spec.before,
    () =>
      new BashRunner().run(spec.bash, {
        appName: spec.appName,
        ...(spec.walltimeSeconds === null ? {} : { walltimeSeconds: spec.walltimeSeconds }),
      }),
    spec.after,
  );
