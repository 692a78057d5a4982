import { Equals, IsInt, Max, Min } from 'class-validator';
import type { ThreadPoolExecutorOptions } from '../../../adapters/executors/ThreadPoolExecutor.js';
import { ExecutorConfigBase } from './ExecutorConfigBase.js';

/** A pool of worker threads for CPU-bound apps. Parsl: ThreadPoolExecutor */
export class ThreadPoolExecutorConfig extends ExecutorConfigBase {
  @Equals('thread-pool')
  public readonly kind = 'thread-pool' as const;

  public override label = 'threads';

  /** Worker threads. @default 2 */
  @IsInt()
  @Min(1)
  @Max(1024)
  public maxThreads = 2;
}

const _optionsInSync: (c: ThreadPoolExecutorConfig) => ThreadPoolExecutorOptions = (c) => c;
void _optionsInSync;
