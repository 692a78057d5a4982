import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProcResourceSampler } from '../../../src/adapters/monitoring/ProcResourceSampler.js';

/** A fake procfs without task/<tid>/children files (kernels without CONFIG_PROC_CHILDREN). */
const fakeProc = (
  procs: {
    pid: number;
    ppid: number;
    comm: string;
    utime: number;
    stime: number;
    cutime: number;
    rssKb: number;
  }[],
) => {
  const root = mkdtempSync(join(tmpdir(), 'parsl-fakeproc-'));
  for (const p of procs) {
    const dir = join(root, String(p.pid));
    mkdirSync(join(dir, 'task', String(p.pid)), { recursive: true });
    // Fields 3.. after "(comm)": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
    writeFileSync(
      join(dir, 'stat'),
      `${p.pid} (${p.comm}) S ${p.ppid} 1 1 0 -1 0 0 0 0 0 ${p.utime} ${p.stime} ${p.cutime} 0 20 0 1 0 0 0 0\n`,
    );
    writeFileSync(
      join(dir, 'status'),
      `Name:\t${p.comm}\nVmSize:\t${p.rssKb * 4} kB\nVmRSS:\t${p.rssKb} kB\n`,
    );
    writeFileSync(join(dir, 'io'), 'rchar: 1\nwchar: 1\nread_bytes: 100\nwrite_bytes: 200\n');
  }
  return root;
};

describe(ProcResourceSampler.name, () => {
  describe('without children files', () => {
    it('finds descendants by scanning ppids and sums their CPU, memory and io', async () => {
      const root = fakeProc([
        {
          pid: 10,
          ppid: 1,
          comm: 'bash -c (task)',
          utime: 100,
          stime: 50,
          cutime: 30,
          rssKb: 1000,
        },
        { pid: 11, ppid: 10, comm: 'python', utime: 200, stime: 0, cutime: 0, rssKb: 3000 },
        { pid: 12, ppid: 11, comm: 'child', utime: 10, stime: 10, cutime: 0, rssKb: 500 },
        { pid: 20, ppid: 1, comm: 'other', utime: 999, stime: 999, cutime: 0, rssKb: 9999 },
      ]);
      let now = 1000;
      const sampler = new ProcResourceSampler({ procRoot: root, clockTicks: 100, now: () => now });
      const first = await sampler.sample(10);
      expect(first).toEqual({
        pid: 10,
        timestamp: 1000,
        cpuPercent: 0,
        timeUser: (100 + 30 + 200 + 10) / 100,
        timeSystem: (50 + 10) / 100,
        memoryResident: (1000 + 3000 + 500) * 1024,
        memoryVirtual: (1000 + 3000 + 500) * 4 * 1024,
        diskRead: 300,
        diskWrite: 600,
        childrenCount: 2,
      });
      now = 3000;
      writeFileSync(
        join(root, '11', 'stat'),
        '11 (python) R 10 1 1 0 -1 0 0 0 0 0 300 0 0 0 20 0 1 0 0 0 0\n',
      );
      expect((await sampler.sample(10))?.cpuPercent).toBeCloseTo(50);
    });
  });
});
