import type { Header } from './protocol.js';

/** A pool registered with or gone from the interchange. */
export type PoolEvent = Extract<Header, { t: 'event' }>;

/** The pools registered with an executor's interchange (from its events) and their workers. */
export class PoolRegistry {
  private readonly workers = new Map<string, number>();

  /** Records a registration, or a pool that was lost or left. */
  public apply(event: PoolEvent): void {
    if (event.kind === 'registered') this.workers.set(event.managerId, event.workerCount);
    else this.workers.delete(event.managerId);
  }

  /** Workers in all registered pools. */
  public get workerCount(): number {
    let total = 0;
    for (const count of this.workers.values()) total += count;
    return total;
  }
}
