import { KernelClosedError } from '../domain/errors/KernelErrors.js';
import type { AppKernel } from './apps/AppDefinition.js';

let current: AppKernel | undefined;

/** The kernel apps submit to when they were not given one. Parsl: DataFlowKernelLoader.dfk() */
export const currentKernel = (appName: string): AppKernel => {
  if (current === undefined) {
    throw new KernelClosedError(
      `app ${appName} was called but no kernel is loaded; call \`await load(config)\` first, or pass { kernel } to the app`,
    );
  }
  return current;
};

/** Makes `kernel` the global one; false when another is already loaded. */
export const registerKernel = (kernel: AppKernel): boolean => {
  if (current !== undefined && current !== kernel) return false;
  current = kernel;
  return true;
};

/** Forgets `kernel` if it is the global one (or any, when omitted). */
export const unregisterKernel = (kernel?: AppKernel): void => {
  if (kernel === undefined || current === kernel) current = undefined;
};

/** The global kernel, if any. */
export const peekKernel = (): AppKernel | undefined => current;
