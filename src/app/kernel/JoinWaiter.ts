import { JoinError } from '../../domain/errors/DependencyError.js';
import { Future } from '../futures/Future.js';
import { asDependency, describeDependency } from './collectDependencies.js';
import type { TaskRecord } from './TaskRecord.js';

/**
 * Waits for the futures a join app returned, then completes the join task with their value(s)
 * or fails it with a JoinError naming the failed ones. Plain values are taken as they are: a
 * Promise-returning (async) join function has its future unwrapped by JavaScript itself, so a value
 * cannot be told from an already-joined future. Parsl: DataFlowKernel.handle_join_update
 */
export class JoinWaiter {
  public constructor(
    private readonly complete: (record: TaskRecord, value: unknown) => void,
    private readonly failAttempt: (record: TaskRecord, error: unknown) => void,
  ) {}

  public wait(record: TaskRecord, returned: unknown): void {
    const many = Array.isArray(returned);
    const items: readonly unknown[] = many ? returned : [returned];
    const futures = items.map((item) => asDependency(item) ?? resolved(item));
    let pending = futures.length;
    const settle = (): void => {
      const failed = futures
        .filter((f) => f.failed())
        .map((f) => ({ error: f.peekError(), ...describeDependency(f) }));
      if (failed.length > 0) this.failAttempt(record, new JoinError(record.id, failed));
      else {
        const values = futures.map((f) => f.peekValue());
        this.complete(record, many ? values : values[0]);
      }
    };
    if (pending === 0) {
      settle();
      return;
    }
    for (const future of futures) {
      future.addDoneCallback(() => {
        pending -= 1;
        if (pending === 0) settle();
      });
    }
  }
}

const resolved = (value: unknown): Future<unknown> => {
  const future = new Future<unknown>();
  future.setResult(value);
  return future;
};
