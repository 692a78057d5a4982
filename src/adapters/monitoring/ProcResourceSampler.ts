import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProcessSample, ResourceSampler } from '../../ports/ResourceSampler.js';

/** Options of {@link ProcResourceSampler}. */
export interface ProcResourceSamplerOptions {
  /** Where procfs is mounted. @default '/proc' */
  readonly procRoot?: string;
  /** Kernel clock ticks per second (`getconf CLK_TCK`). @default 100 */
  readonly clockTicks?: number;
  /** Clock for sample timestamps, ms since the epoch. @default Date.now */
  readonly now?: () => number;
}

interface ProcStat {
  readonly ppid: number;
  /** Own + reaped children's CPU ticks. */
  readonly userTicks: number;
  readonly systemTicks: number;
}

/**
 * Samples a process and its live descendants from Linux procfs: CPU times (including reaped
 * children, so time is not lost when subprocesses end, Parsl #1108), resident and virtual memory
 * (VmRSS/VmSize) and bytes read/written (`io`, 0 when not permitted).
 * Parsl: parsl.monitoring.remote.monitor (psutil)
 */
export class ProcResourceSampler implements ResourceSampler {
  private readonly previous = new Map<number, { at: number; cpuSeconds: number }>();
  private readonly root: string;
  private readonly ticks: number;
  private readonly now: () => number;

  public constructor(options: ProcResourceSamplerOptions = {}) {
    this.root = options.procRoot ?? '/proc';
    this.ticks = options.clockTicks ?? 100;
    this.now = options.now ?? Date.now;
  }

  public async sample(pid: number): Promise<ProcessSample | undefined> {
    const rootStat = await this.stat(pid);
    if (rootStat === undefined) {
      this.previous.delete(pid);
      return undefined;
    }
    const descendants = await this.descendants(pid);
    let user = rootStat.userTicks;
    let system = rootStat.systemTicks;
    let resident = 0;
    let virtual = 0;
    let read = 0;
    let write = 0;
    for (const p of [pid, ...descendants]) {
      if (p !== pid) {
        const s = await this.stat(p);
        if (s === undefined) continue;
        user += s.userTicks;
        system += s.systemTicks;
      }
      const mem = await this.memory(p);
      resident += mem.resident;
      virtual += mem.virtual;
      const io = await this.io(p);
      read += io.read;
      write += io.write;
    }
    const at = this.now();
    const timeUser = user / this.ticks;
    const timeSystem = system / this.ticks;
    const cpuSeconds = timeUser + timeSystem;
    const before = this.previous.get(pid);
    this.previous.set(pid, { at, cpuSeconds });
    const cpuPercent =
      before === undefined || at <= before.at
        ? 0
        : (100 * (cpuSeconds - before.cpuSeconds) * 1000) / (at - before.at);
    return {
      pid,
      timestamp: at,
      cpuPercent: Math.max(0, cpuPercent),
      timeUser,
      timeSystem,
      memoryResident: resident,
      memoryVirtual: virtual,
      diskRead: read,
      diskWrite: write,
      childrenCount: descendants.length,
    };
  }

  public forget(pid: number): void {
    this.previous.delete(pid);
  }

  private async stat(pid: number): Promise<ProcStat | undefined> {
    const text = await this.read(pid, 'stat');
    if (text === undefined) return undefined;
    // The command name (field 2) is in parentheses and may contain spaces.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const field = (n: number): number => Number(fields[n - 3] ?? 0);
    if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
    return {
      ppid: field(4),
      userTicks: field(14) + field(16),
      systemTicks: field(15) + field(17),
    };
  }

  private async memory(pid: number): Promise<{ resident: number; virtual: number }> {
    const text = (await this.read(pid, 'status')) ?? '';
    const kb = (name: string): number =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
    return { resident: kb('VmRSS'), virtual: kb('VmSize') };
  }

  private async io(pid: number): Promise<{ read: number; write: number }> {
    const text = (await this.read(pid, 'io')) ?? '';
    const value = (name: string): number =>
      Number(new RegExp(`^${name}: (\\d+)`, 'm').exec(text)?.[1] ?? 0);
    return { read: value('read_bytes'), write: value('write_bytes') };
  }

  private async descendants(pid: number): Promise<number[]> {
    const out: number[] = [];
    let scanned: Map<number, number[]> | undefined;
    const queue = [pid];
    while (queue.length > 0) {
      const parent = queue.shift() ?? 0;
      let children = await this.directChildren(parent);
      if (children === undefined) {
        scanned ??= await this.children();
        children = scanned.get(parent) ?? [];
      }
      for (const child of children) {
        out.push(child);
        queue.push(child);
      }
    }
    return out;
  }

  /** Children from /proc/<pid>/task/<tid>/children (CONFIG_PROC_CHILDREN); undefined if absent. */
  private async directChildren(pid: number): Promise<number[] | undefined> {
    let tids: string[];
    try {
      tids = await readdir(join(this.root, String(pid), 'task'));
    } catch {
      return [];
    }
    const out: number[] = [];
    for (const tid of tids) {
      const text = await this.read(pid, join('task', tid, 'children'));
      if (text === undefined) return undefined;
      for (const child of text.split(' ')) {
        if (child.trim() !== '') out.push(Number(child));
      }
    }
    return out;
  }

  /** ppid -> pids, from one scan of procfs (for kernels without CONFIG_PROC_CHILDREN). */
  private async children(): Promise<Map<number, number[]>> {
    const map = new Map<number, number[]>();
    const entries = await readdir(this.root).catch(() => [] as string[]);
    for (const name of entries) {
      if (!/^\d+$/.test(name)) continue;
      const s = await this.stat(Number(name));
      if (s === undefined) continue;
      map.set(s.ppid, [...(map.get(s.ppid) ?? []), Number(name)]);
    }
    return map;
  }

  private async read(pid: number, file: string): Promise<string | undefined> {
    try {
      return await readFile(join(this.root, String(pid), file), 'utf8');
    } catch {
      return undefined;
    }
  }
}
