import type { ManagerInfo, RegistrationInfo } from './protocol.js';

/** A registered pool, as the interchange tracks it. */
export interface InterchangeManager {
  readonly id: Buffer;
  readonly key: string;
  readonly info: RegistrationInfo;
  readonly tasks: Set<number>;
  readonly capacity: number;
  active: boolean;
  draining: boolean;
  lastHeard: number;
  idleSince: number | undefined;
}

/** What the executor sees of a pool (command `managers`). */
export const describeManager = (m: InterchangeManager, now: number): ManagerInfo => ({
  managerId: m.key,
  blockId: m.info.blockId,
  hostname: m.info.hostname,
  workerCount: m.info.workerCount,
  tasks: m.tasks.size,
  idleSeconds: m.idleSince === undefined ? 0 : (now - m.idleSince) / 1000,
  active: m.active,
  draining: m.draining,
  parslTsVersion: m.info.parslTsVersion,
  nodeVersion: m.info.nodeVersion,
});

/** Arguments of the `holdBlocks` command. */
export interface HoldBlocksRequest {
  readonly blockIds: readonly string[];
  readonly limit: number;
  readonly force: boolean;
  readonly maxIdleSeconds: number | undefined;
}

/** Reads a `holdBlocks` argument from the wire, with defaults. */
export const parseHoldBlocks = (arg: unknown): HoldBlocksRequest => {
  const raw = (arg ?? {}) as Partial<Record<keyof HoldBlocksRequest, unknown>>;
  return {
    blockIds: Array.isArray(raw.blockIds) ? raw.blockIds.map(String) : [],
    limit: typeof raw.limit === 'number' ? raw.limit : Number.POSITIVE_INFINITY,
    force: raw.force === true,
    maxIdleSeconds: typeof raw.maxIdleSeconds === 'number' ? raw.maxIdleSeconds : undefined,
  };
};

/**
 * The blocks (in the order asked) that may be held and cancelled now: at most `limit`, skipping a
 * block whose pools run tasks or have been idle less than `maxIdleSeconds`, unless `force`.
 */
export const pickBlocksToHold = (
  request: HoldBlocksRequest,
  managers: Iterable<InterchangeManager>,
  now: number,
): string[] => {
  const all = [...managers];
  const held: string[] = [];
  for (const blockId of request.blockIds) {
    if (held.length >= request.limit) break;
    const pools = all.filter((m) => m.info.blockId === blockId);
    const busy = pools.some((m) => m.tasks.size > 0);
    const { maxIdleSeconds } = request;
    const tooFresh =
      maxIdleSeconds !== undefined &&
      pools.some((m) => m.idleSince === undefined || now - m.idleSince < maxIdleSeconds * 1000);
    if (request.force || !(busy || tooFresh)) held.push(blockId);
  }
  return held;
};
