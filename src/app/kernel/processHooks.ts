import type { DataFlowKernel } from './DataFlowKernel.js';

/**
 * Ties a kernel to the process: on a normal exit it is cleaned up (beforeExit) and its child
 * processes are killed (exit); with `signals`, SIGINT/SIGTERM abort it quickly and the signal is
 * then re-raised so the process ends as it would have. Returns a function that detaches it all.
 * Parsl: DataFlowKernel.atexit_cleanup
 */
export const attachProcessHooks = (
  kernel: DataFlowKernel,
  options: { readonly signals: boolean },
): (() => void) => {
  const onBeforeExit = (): void => {
    void kernel.cleanup();
  };
  const onExit = (): void => kernel.killChildrenSync();
  const onSignal = (signal: NodeJS.Signals): void => {
    detach();
    void kernel.cleanup({ abort: true }).finally(() => {
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  };
  const detach = (): void => {
    process.off('beforeExit', onBeforeExit);
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.on('beforeExit', onBeforeExit);
  process.on('exit', onExit);
  if (options.signals) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  return detach;
};
