import { isTerminalJobState, type JobStatus } from '../../src/domain/job/JobState.js';
import type { BlockExecutor, ScaleInOptions } from '../../src/ports/BlockExecutor.js';
import type { ExecutionProvider } from '../../src/ports/ExecutionProvider.js';
import type { ExecutorTask } from '../../src/ports/Executor.js';

/**
 * A BlockExecutor over any provider (fake or real): scale-out submits `blockCommand` per block, status polls
 * ask the provider, scale-in cancels the newest live blocks. Tasks are not run: tests set
 * `outstandingTasks`. Records scaleOut / scaleIn calls; `submit` throws.
 */
export class FakeBlockExecutor implements BlockExecutor {
  public readonly managed = true;
  public readonly scalingEnabled = true;
  public readonly scaleOuts: number[] = [];
  public readonly scaleIns: { blocks: number; options: ScaleInOptions }[] = [];
  public outstandingTasks = 0;
  public connectedWorkers = 0;
  public badState: Error | undefined;
  public canScaleInIdleBlocks = true;
  private readonly blocks = new Map<string, { jobId: string | undefined; status: JobStatus }>();

  public constructor(
    public readonly label: string,
    public readonly provider: ExecutionProvider,
    public readonly workersPerNode = 1,
    private readonly blockCommand = 'worker-pool',
  ) {}

  public async start(): Promise<void> {}

  public setBadState(error: Error): void {
    this.badState = error;
  }

  public submit(_task: ExecutorTask): Promise<unknown> {
    throw new Error('FakeBlockExecutor.submit: not scripted (this fake only scales)');
  }

  public outstanding(): number {
    return this.outstandingTasks;
  }

  public async shutdown(): Promise<void> {}

  public async scaleOut(blocks: number): Promise<string[]> {
    this.scaleOuts.push(blocks);
    const ids: string[] = [];
    for (let i = 0; i < blocks; i += 1) {
      const id = String(this.blocks.size);
      try {
        const jobId = await this.provider.submit(this.blockCommand, 1, `${this.label}.block-${id}`);
        this.blocks.set(id, { jobId, status: { state: 'PENDING' } });
      } catch (error: unknown) {
        this.blocks.set(id, {
          jobId: undefined,
          status: { state: 'FAILED', message: String(error) },
        });
      }
      ids.push(id);
    }
    return ids;
  }

  public async scaleIn(blocks: number, options: ScaleInOptions = {}): Promise<string[]> {
    this.scaleIns.push({ blocks, options });
    const victims = [...this.blocks.entries()]
      .filter(([, b]) => b.jobId !== undefined && !isTerminalJobState(b.status.state))
      .reverse()
      .slice(0, blocks);
    await this.provider.cancel(victims.map(([, b]) => b.jobId ?? ''));
    for (const [, block] of victims) block.status = { state: 'SCALED_IN' };
    return victims.map(([id]) => id);
  }

  public blockStatuses(): ReadonlyMap<string, JobStatus> {
    return new Map([...this.blocks].map(([id, b]) => [id, b.status]));
  }

  public async pollBlockStatuses(): Promise<ReadonlyMap<string, JobStatus>> {
    const live = [...this.blocks.values()].filter(
      (b) => b.jobId !== undefined && !isTerminalJobState(b.status.state),
    );
    const statuses = await this.provider.status(live.map((b) => b.jobId ?? ''));
    live.forEach((block, i) => {
      const status = statuses[i];
      // A scale-in may have finished while the provider was being asked: SCALED_IN wins.
      if (status !== undefined && !isTerminalJobState(block.status.state)) block.status = status;
    });
    return this.blockStatuses();
  }
}
