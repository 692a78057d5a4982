import type { ContainerModule } from 'inversify';
import { ConfigurationError } from '../domain/errors/ConfigurationError.js';
import type { ParslConfig, ParslConfigInput } from './config/ParslConfig.js';
import { parseConfig } from './config/parseConfig.js';
import { buildContainer, kernelFrom } from './container/buildContainer.js';
import type { DataFlowKernel } from './kernel/DataFlowKernel.js';
import { attachProcessHooks } from './kernel/processHooks.js';
import { createRunDirectory } from './kernel/runDirectory.js';
import { peekKernel, registerKernel, unregisterKernel } from './kernelRegistry.js';

/** Options of {@link load}. */
export interface LoadOptions {
  /** Make it the kernel that apps without `{ kernel }` submit to. @default true */
  readonly global?: boolean;
  /** Clean up on SIGINT/SIGTERM (scripts want this; services usually turn it off). @default true */
  readonly signals?: boolean;
  /** Container modules loaded last: fakes for tests, extra executors (TOKENS.Executor). */
  readonly overrides?: readonly ContainerModule[];
}

/**
 * Validates `config`, creates the run directory, builds the container, starts the executors and
 * returns the kernel. `await using kernel = await load()` cleans up at the end of the scope.
 * @throws {ConfigurationError} listing every problem of the config, or when a global kernel is loaded
 * Parsl: parsl.load
 */
export const load = async (
  config?: ParslConfigInput | ParslConfig,
  options: LoadOptions = {},
): Promise<DataFlowKernel> => {
  const parsed = parseConfig(config);
  const global = options.global ?? true;
  if (global && peekKernel() !== undefined) {
    throw ConfigurationError.single(
      '',
      'a kernel is already loaded; call clear() (or await dfk().cleanup()) first, or load(config, { global: false }) for another kernel',
    );
  }
  const run = createRunDirectory(parsed.runDir);
  const kernel = kernelFrom(
    buildContainer(
      parsed,
      run,
      options.overrides === undefined ? {} : { overrides: options.overrides },
    ),
  );
  if (global) registerKernel(kernel);
  kernel.onClosed(attachProcessHooks(kernel, { signals: options.signals ?? true }));
  kernel.onClosed(() => unregisterKernel(kernel));
  try {
    await kernel.start();
  } catch (error: unknown) {
    await kernel.cleanup({ abort: true });
    throw error;
  }
  return kernel;
};

/** Forgets the global kernel so another can be loaded (it is not cleaned up). Parsl: parsl.clear */
export const clear = (): void => unregisterKernel();

/**
 * The global kernel.
 * @throws {ConfigurationError} when none is loaded
 * Parsl: parsl.dfk
 */
export const dfk = (): DataFlowKernel => {
  const kernel = peekKernel();
  if (kernel === undefined)
    throw ConfigurationError.single('', 'no kernel is loaded; call `await load(config)` first');
  return kernel as DataFlowKernel;
};
