import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProcResourceSampler } from '../../../src/adapters/monitoring/ProcResourceSampler.js';

const busyChild = () =>
  spawn('bash', ['-c', 'sleep 30 & while :; do :; done'], { stdio: 'ignore' });

describe(ProcResourceSampler.name, () => {
  describe('.sample of a busy process with a child', () => {
    it('reports CPU use, memory and the child', async () => {
      const child = busyChild();
      await once(child, 'spawn');
      const pid = child.pid ?? -1;
      const sampler = new ProcResourceSampler();
      try {
        const first = await sampler.sample(pid);
        await new Promise((r) => setTimeout(r, 600));
        const second = await sampler.sample(pid);
        expect(first?.cpuPercent).toBe(0);
        expect(second?.cpuPercent).toBeGreaterThan(10);
        expect(second?.timeUser).toBeGreaterThan(first?.timeUser ?? Number.POSITIVE_INFINITY);
        expect(second?.memoryResident).toBeGreaterThan(0);
        expect(second?.memoryVirtual).toBeGreaterThanOrEqual(second?.memoryResident ?? 0);
        expect(second?.childrenCount).toBe(1);
      } finally {
        child.kill('SIGKILL');
      }
    });
  });

  describe('.sample of a process that has exited', () => {
    it('returns undefined', async () => {
      const child = spawn('true');
      await once(child, 'exit');
      expect(await new ProcResourceSampler().sample(child.pid ?? -1)).toBeUndefined();
    });
  });

  describe('.sample with disk writes', () => {
    it('counts the bytes written to disk by the process tree', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'parsl-proc-'));
      const child = spawn(
        'bash',
        [
          '-c',
          `dd if=/dev/zero of=${join(dir, 'out')} bs=1M count=2 conv=fsync status=none; sleep 5`,
        ],
        { stdio: 'ignore' },
      );
      await once(child, 'spawn');
      try {
        await new Promise((r) => setTimeout(r, 500));
        const s = await new ProcResourceSampler().sample(child.pid ?? -1);
        expect(s?.diskWrite).toBeGreaterThanOrEqual(2 * 1024 * 1024);
      } finally {
        child.kill('SIGKILL');
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});
