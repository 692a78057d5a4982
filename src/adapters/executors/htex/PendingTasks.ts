import { ManagerLost, WorkerLost } from '../../../domain/errors/ExecutorErrors.js';
import { type LostInfo, ResultStatus, readResultFrame } from './protocol.js';
import { decodeResultError, decodeResultValue } from './taskCodec.js';

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly appName: string;
}

/**
 * The executor's outstanding attempts by wire task id: settles each one from its result frame
 * (value, rebuilt error, or WorkerLost / ManagerLost) or fails them all at once.
 * Parsl: HighThroughputExecutor.tasks + the result-queue thread's update of futures
 */
export class PendingTasks {
  private readonly pending = new Map<number, Pending>();

  public constructor(private readonly executor: string) {}

  public get size(): number {
    return this.pending.size;
  }

  public add(taskId: number, appName: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.pending.set(taskId, { resolve, reject, appName });
    });
  }

  /** Settles the attempt a result frame answers; frames for unknown ids are ignored. */
  public settle(frame: Buffer): void {
    const result = readResultFrame(frame);
    if (result === undefined) return;
    const pending = this.pending.get(result.taskId);
    if (pending === undefined) return;
    this.pending.delete(result.taskId);
    try {
      if (result.status === ResultStatus.value) {
        pending.resolve(decodeResultValue(this.executor, pending.appName, result.body));
      } else if (result.status === ResultStatus.error) {
        pending.reject(decodeResultError(this.executor, pending.appName, result.body));
      } else {
        pending.reject(this.lostError(result.body));
      }
    } catch (error: unknown) {
      pending.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Rejects one attempt (its task could not be encoded). */
  public fail(taskId: number, error: unknown): void {
    const pending = this.pending.get(taskId);
    if (pending === undefined) return;
    this.pending.delete(taskId);
    pending.reject(error instanceof Error ? error : new Error(String(error)));
  }

  public failAll(error: Error): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const task of pending) task.reject(error);
  }

  private lostError(body: Buffer): Error {
    const lost = JSON.parse(body.toString('utf8')) as LostInfo;
    return lost.kind === 'worker'
      ? new WorkerLost(this.executor, lost.workerId ?? lost.managerId, lost.hostname)
      : new ManagerLost(this.executor, lost.managerId, lost.hostname);
  }
}
