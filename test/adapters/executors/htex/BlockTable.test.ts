import { describe, expect, it } from 'vitest';
import { BlockTable } from '../../../../src/adapters/executors/htex/BlockTable.js';
import type { ManagerInfo } from '../../../../src/adapters/executors/htex/protocol.js';

const pool = (blockId: string, tasks: number, idleSeconds: number): ManagerInfo => ({
  managerId: `m${blockId}`,
  blockId,
  hostname: 'h',
  workerCount: 1,
  tasks,
  idleSeconds,
  active: true,
  draining: false,
  parslTsVersion: '0',
  nodeVersion: 'v20',
});

describe(BlockTable.name, () => {
  it('numbers blocks from 0 and tracks their job ids and states', () => {
    const table = new BlockTable();
    const a = table.nextId();
    const b = table.nextId();
    table.started(a, 'job-a');
    table.failed(b, 'no slots');
    expect([a, b]).toEqual(['0', '1']);
    expect(table.liveJobs()).toEqual([['0', 'job-a']]);
    expect(table.statuses().get('1')).toEqual({ state: 'FAILED', message: 'no slots' });
  });

  it('does not revive a block once it is terminal', () => {
    const table = new BlockTable();
    const id = table.nextId();
    table.started(id, 'j');
    table.scaledIn(id);
    table.update(id, { state: 'RUNNING' });
    expect(table.statuses().get(id)?.state).toBe('SCALED_IN');
  });

  it('orders scale-in: unregistered blocks, then idle ones longest idle first, then busy ones', () => {
    const table = new BlockTable();
    const order = table.orderForScaleIn(
      ['0', '1', '2', '3'],
      [pool('0', 3, 0), pool('1', 0, 5), pool('3', 0, 50)],
    );
    expect(order).toEqual(['2', '3', '1', '0']);
  });
});
