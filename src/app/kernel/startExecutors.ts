import type { Executor, ExecutorContext } from '../../ports/Executor.js';
import type { Logger } from '../../ports/Logger.js';

/**
 * Starts every executor and lets every start settle before failing: the caller then shuts them
 * all down, and an executor still starting would create processes, sockets or blocks after its
 * shutdown() had run. Throws the first failure in config order, its message naming the others.
 */
export const startExecutors = async (
  executors: readonly Executor[],
  context: ExecutorContext,
  logger: Logger,
): Promise<void> => {
  const starts = await Promise.allSettled(executors.map(async (e) => e.start(context)));
  const failures = starts.flatMap((s, i) =>
    s.status === 'rejected' ? [{ label: executors[i]?.label, reason: s.reason as unknown }] : [],
  );
  const [first, ...others] = failures;
  if (first === undefined) return;
  for (const { label, reason } of failures)
    logger.error(`executor ${label} failed to start: ${String(reason)}`);
  if (others.length > 0 && first.reason instanceof Error) {
    const also = others.map((o) => `executor ${o.label}: ${String(o.reason)}`).join('; ');
    first.reason.message += ` (also failed to start: ${also})`;
  }
  throw first.reason;
};
