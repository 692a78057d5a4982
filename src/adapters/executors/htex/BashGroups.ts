/**
 * The process groups of the bash apps a pool's workers run, by worker rank. Each bash app is a
 * session of its own (BashRunner), which no signal to the pool, its workers or its block reaches,
 * so the pool kills them itself when a worker dies and when it stops: SIGTERM, then SIGKILL after
 * a grace to any group that still has a process.
 */
export class BashGroups {
  private readonly byRank = new Map<number, Set<number>>();
  /** Kills under way, so the pool does not exit before their SIGKILL. */
  private readonly killing = new Set<Promise<void>>();

  public constructor(private readonly graceMs: number) {}

  /** What worker `rank` reported: the bash app of process group `pgid` started (`live`) or ended. */
  public note(rank: number, pgid: number, live: boolean): void {
    let groups = this.byRank.get(rank);
    if (groups === undefined) {
      groups = new Set();
      this.byRank.set(rank, groups);
    }
    if (live) groups.add(pgid);
    else groups.delete(pgid);
  }

  /** Kills the groups of worker `rank` (it died; they would outlive it). */
  public killOf(rank: number): void {
    const groups = this.byRank.get(rank);
    if (groups === undefined || groups.size === 0) return;
    const done: Promise<void> = killGroups([...groups], this.graceMs).finally(() =>
      this.killing.delete(done),
    );
    this.killing.add(done);
    groups.clear();
  }

  /** Kills every group noted so far; resolves when those and all earlier kills are done. */
  public async killAll(): Promise<void> {
    for (const rank of this.byRank.keys()) this.killOf(rank);
    await Promise.all(this.killing);
  }
}

/** SIGTERM to each group now, SIGKILL after `graceMs` to those with a process left (zombies too). */
const killGroups = async (pgids: readonly number[], graceMs: number): Promise<void> => {
  let live = pgids.filter((pgid) => signalGroup(pgid, 'SIGTERM'));
  const deadline = Date.now() + graceMs;
  while (live.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    live = live.filter((pgid) => signalGroup(pgid, 0));
  }
  for (const pgid of live) signalGroup(pgid, 'SIGKILL');
};

/** Sends `signal` to process group `pgid`; false when none of its processes is left (or ours). */
const signalGroup = (pgid: number, signal: NodeJS.Signals | 0): boolean => {
  if (pgid <= 0) return false;
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
};
