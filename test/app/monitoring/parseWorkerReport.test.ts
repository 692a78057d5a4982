import { describe, expect, it } from 'vitest';
import { parseWorkerReport } from '../../../src/app/monitoring/parseWorkerReport.js';

describe(parseWorkerReport.name, () => {
  it('accepts a node-info report and copies only known fields', () => {
    expect(
      parseWorkerReport({
        type: 'node-info',
        executor: 'htex',
        hostname: 'n1',
        uid: 'm1',
        blockId: '0',
        cpuCount: 8,
        totalMemory: 1e9,
        active: true,
        workerCount: 8,
        at: 5,
        extra: 'ignored',
      }),
    ).toEqual({
      type: 'node-info',
      executor: 'htex',
      hostname: 'n1',
      uid: 'm1',
      blockId: '0',
      cpuCount: 8,
      totalMemory: 1e9,
      active: true,
      workerCount: 8,
      at: 5,
    });
  });

  it('accepts a block-status report with a JobState name', () => {
    expect(
      parseWorkerReport({
        type: 'block-status',
        executor: 'htex',
        blockId: '3',
        state: 'RUNNING',
        at: 9,
      }),
    ).toEqual({
      type: 'block-status',
      executor: 'htex',
      blockId: '3',
      state: 'RUNNING',
      previous: undefined,
      at: 9,
    });
  });

  it.each([
    ['not an object', 'resource'],
    ['an unknown type', { type: 'task-state', taskId: 1 }],
    ['a resource report with a string number', { type: 'resource', taskId: '1' }],
    [
      'a block state that is not a JobState',
      { type: 'block-status', executor: 'h', blockId: '1', state: 'BOGUS', at: 1 },
    ],
    [
      'a node report without active',
      {
        type: 'node-info',
        executor: 'h',
        hostname: 'n',
        uid: 'u',
        blockId: null,
        cpuCount: 1,
        totalMemory: 1,
        workerCount: 1,
        at: 1,
      },
    ],
  ])('rejects %s', (_what, message) => {
    expect(parseWorkerReport(message)).toBeUndefined();
  });
});
