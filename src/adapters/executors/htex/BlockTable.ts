import { isTerminalJobState, type JobStatus } from '../../../domain/job/JobState.js';
import type { ManagerInfo } from './protocol.js';

interface Block {
  jobId: string | undefined;
  status: JobStatus;
}

/**
 * The executor's blocks: block id ("0", "1", … in start order) → provider job id and last status.
 * Parsl: BlockProviderExecutor.blocks_to_job_id / _status
 */
export class BlockTable {
  private readonly blocks = new Map<string, Block>();
  private next = 0;

  public nextId(): string {
    const id = String(this.next);
    this.next += 1;
    this.blocks.set(id, { jobId: undefined, status: { state: 'PENDING' } });
    return id;
  }

  public started(blockId: string, jobId: string): void {
    this.blocks.set(blockId, { jobId, status: { state: 'PENDING' } });
  }

  public failed(blockId: string, message: string): void {
    this.blocks.set(blockId, { jobId: undefined, status: { state: 'FAILED', message } });
  }

  public scaledIn(blockId: string): void {
    const block = this.blocks.get(blockId);
    if (block !== undefined) block.status = { state: 'SCALED_IN' };
  }

  public update(blockId: string, status: JobStatus): void {
    const block = this.blocks.get(blockId);
    if (block !== undefined && !isTerminalJobState(block.status.state)) block.status = status;
  }

  public jobId(blockId: string): string | undefined {
    return this.blocks.get(blockId)?.jobId;
  }

  /** Blocks that may still run (not in a terminal state). */
  public liveIds(): string[] {
    return [...this.blocks]
      .filter(([, b]) => !isTerminalJobState(b.status.state))
      .map(([id]) => id);
  }

  /** [blockId, jobId] of live blocks that have a job. */
  public liveJobs(): Array<[string, string]> {
    return [...this.blocks]
      .filter(([, b]) => b.jobId !== undefined && !isTerminalJobState(b.status.state))
      .map(([id, b]) => [id, b.jobId as string]);
  }

  public statuses(): ReadonlyMap<string, JobStatus> {
    return new Map([...this.blocks].map(([id, b]) => [id, b.status]));
  }

  /**
   * Scale-in order: blocks without a registered pool first (nothing runs there), then idle blocks,
   * longest idle first, then busy blocks, fewest tasks first. Parsl: htex scale_in's idle sort.
   */
  public orderForScaleIn(blockIds: readonly string[], managers: readonly ManagerInfo[]): string[] {
    const score = (blockId: string): [number, number] => {
      const pools = managers.filter((m) => m.blockId === blockId);
      if (pools.length === 0) return [0, 0];
      const tasks = pools.reduce((n, m) => n + m.tasks, 0);
      if (tasks === 0) return [1, -Math.min(...pools.map((m) => m.idleSeconds))];
      return [2, tasks];
    };
    return [...blockIds]
      .map((id) => ({ id, score: score(id) }))
      .sort((a, b) => a.score[0] - b.score[0] || a.score[1] - b.score[1])
      .map(({ id }) => id);
  }
}
