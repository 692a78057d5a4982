/** Runs at most `max` operations at once; the rest wait in arrival order. */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** Highest number of operations seen running at once (for tests and benchmarks). */
  public peak = 0;

  public constructor(public readonly max: number) {
    if (!Number.isInteger(max) || max < 1)
      throw new RangeError(`Limiter: max must be an integer >= 1, got ${max}`);
  }

  public async run<TResult>(operation: () => Promise<TResult>): Promise<TResult> {
    if (this.active >= this.max) await new Promise<void>((go) => this.waiting.push(go));
    this.active += 1;
    this.peak = Math.max(this.peak, this.active);
    try {
      return await operation();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}
