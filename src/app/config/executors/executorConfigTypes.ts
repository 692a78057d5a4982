import { HighThroughputExecutorConfig } from './HighThroughputExecutorConfig.js';
import { InProcessExecutorConfig } from './InProcessExecutorConfig.js';
import { ThreadPoolExecutorConfig } from './ThreadPoolExecutorConfig.js';

/**
 * Every executor config class, by `kind`. Adding an executor kind: add its config class here and its
 * factory in `src/app/container/executorFactories.ts` (the compiler checks the two agree).
 */
export const EXECUTOR_CONFIG_TYPES = [
  { name: 'thread-pool', value: ThreadPoolExecutorConfig },
  { name: 'in-process', value: InProcessExecutorConfig },
  { name: 'htex', value: HighThroughputExecutorConfig },
] as const;

/** Any executor config. */
export type ExecutorConfig = InstanceType<(typeof EXECUTOR_CONFIG_TYPES)[number]['value']>;
