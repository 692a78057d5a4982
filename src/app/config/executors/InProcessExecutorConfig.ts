import { Equals, IsInt, IsOptional, Min } from 'class-validator';
import type { InProcessExecutorOptions } from '../../../adapters/executors/InProcessExecutor.js';
import { ExecutorConfigBase } from './ExecutorConfigBase.js';

/** Runs apps on the kernel's own event loop: I/O-bound async apps and closures. */
export class InProcessExecutorConfig extends ExecutorConfigBase {
  @Equals('in-process')
  public readonly kind = 'in-process' as const;

  public override label = 'local';

  /** Attempts running at once. @default unlimited */
  @IsOptional()
  @IsInt()
  @Min(1)
  public maxConcurrency?: number;
}

const _optionsInSync: (c: InProcessExecutorConfig) => InProcessExecutorOptions = (c) => c;
void _optionsInSync;
