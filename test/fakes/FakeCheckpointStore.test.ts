import { describe, expect, it } from 'vitest';
import { BadCheckpoint } from '../../src/domain/errors/KernelErrors.js';
import { describeCheckpointStoreContract } from '../contract/checkpointStoreContract.js';
import { type FakeCheckpointDisk, FakeCheckpointStore } from './FakeCheckpointStore.js';

let run = 0;
const disk: FakeCheckpointDisk = new Map();
describeCheckpointStoreContract(FakeCheckpointStore.name, async () => {
  const runDir = `/fake/runinfo/${String(run++).padStart(3, '0')}`;
  return {
    store: new FakeCheckpointStore(runDir, disk),
    runDir,
    reopen: () => new FakeCheckpointStore(runDir, disk),
    cleanup: async () => undefined,
  };
});

const rec = { key: 'k', appName: 'a', taskId: 1, completedAt: 1, value: 1 };

describe(FakeCheckpointStore.name, () => {
  it('holds writes while paused', async () => {
    const store = new FakeCheckpointStore('/r');
    const release = store.pauseWrites();
    const write = store.write([rec]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.held()).toEqual([]);
    release();
    await write;
    expect(store.held()).toEqual([rec]);
  });

  it('fails the next write when told to, and only that one', async () => {
    const store = new FakeCheckpointStore('/r').failNextWrite(new Error('disk full'));
    await expect(store.write([rec])).rejects.toThrow('disk full');
    await expect(store.write([rec])).resolves.toMatchObject({ written: 1 });
  });

  it('throws the scripted BadCheckpoint for a corrupted path', async () => {
    const store = new FakeCheckpointStore('/r').corrupt('/old/checkpoint', 17);
    await expect(store.load(['/old/checkpoint'])).rejects.toThrow(BadCheckpoint);
    expect(store.loads).toEqual([['/old/checkpoint']]);
  });
});
