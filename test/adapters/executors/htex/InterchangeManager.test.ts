import { describe, expect, it } from 'vitest';
import {
  type InterchangeManager,
  parseHoldBlocks,
  pickBlocksToHold,
} from '../../../../src/adapters/executors/htex/InterchangeManager.js';

const NOW = 100_000;
const pool = (
  blockId: string,
  tasks: number,
  idleSinceMs: number | undefined,
): InterchangeManager => ({
  id: Buffer.from(blockId),
  key: `m${blockId}`,
  info: {
    managerId: `m${blockId}`,
    blockId,
    workerCount: 1,
    prefetchCapacity: 0,
    hostname: 'h',
    pid: 1,
    parslTsVersion: '0',
    nodeVersion: 'v20',
    protocolVersion: 1,
  },
  tasks: new Set(Array.from({ length: tasks }, (_, i) => i)),
  capacity: 1,
  active: true,
  draining: false,
  lastHeard: NOW,
  idleSince: idleSinceMs,
});

describe('pickBlocksToHold', () => {
  const pools = [pool('0', 1, undefined), pool('1', 0, NOW - 5_000), pool('2', 0, NOW - 60_000)];

  it('never picks a busy block unless forced', () => {
    expect(pickBlocksToHold(parseHoldBlocks({ blockIds: ['0', '1'] }), pools, NOW)).toEqual(['1']);
    expect(
      pickBlocksToHold(parseHoldBlocks({ blockIds: ['0', '1'], force: true }), pools, NOW),
    ).toEqual(['0', '1']);
  });

  it('honours maxIdleSeconds', () => {
    expect(
      pickBlocksToHold(parseHoldBlocks({ blockIds: ['1', '2'], maxIdleSeconds: 30 }), pools, NOW),
    ).toEqual(['2']);
  });

  it('stops at the limit and treats unregistered blocks as idle', () => {
    expect(
      pickBlocksToHold(parseHoldBlocks({ blockIds: ['9', '2', '1'], limit: 2 }), pools, NOW),
    ).toEqual(['9', '2']);
  });
});
