// Monitoring's cost, measured side by side in one process:
//   node dist/bench/support/overheadChild.js KINDS WARM MEASURED [MODE]
// KINDS is a comma-separated list of configurations (none | event-loop | thread), each loaded as a
// copy of its own of the library (bench/support/moduleCopyHooks.ts), so that V8 compiles each
// configuration's kernel separately, as in a process that only ever runs that configuration.
// The child runs WARM + MEASURED rounds; a round is one burst of 10,000 no-op tasks per
// configuration, one after the other in a shuffled order, each after the same pause, so that the
// machine's drift (large on a shared VM) hits every configuration alike. It prints
// {"runs":[[{run,total,cpu,cpuTotal,settleBlockMs}, ...], ...]} (per configuration in KINDS
// order, measured rounds only; seconds; total and cpuTotal include writing the rows; settleBlockMs
// is the longest event-loop stall while writing, ms).
// MODE fresh-kernels (default): each burst on a fresh kernel with `monitoring` in its config,
// cleaned up after it; one configuration with WARM 0 and MEASURED 1 is a user's script, JIT
// warm-up included. MODE one-kernel: every burst of a configuration on one kernel, monitoring
// attached (attachMonitoring) and its rows flushed after each burst (a long workflow). MODE
// steady: as one-kernel, but a round is ten bursts back to back, so the hub hands over and writes
// rows while tasks run (past maxWaitingRows), as in a long busy run; the flush after it is untimed.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** No monitoring; the hub on the kernel's event loop; the hub in a worker thread. */
export type OverheadKind = 'none' | 'event-loop' | 'thread';
export interface OverheadRun {
  readonly run: number;
  readonly total: number;
  readonly cpu: number;
  readonly cpuTotal: number;
  /** The longest the event loop was blocked while the rows were written after the burst, ms. */
  readonly settleBlockMs: number;
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const TASKS = 10_000;
const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

/** The parts of one copy of the library a session uses. */
interface Library {
  readonly app: typeof import('../../src/index.js').app;
  readonly load: typeof import('../../src/index.js').load;
  readonly attachMonitoring: typeof import('../../src/app/monitoring/attachMonitoring.js').attachMonitoring;
  readonly attachMonitoringInThread: typeof import('../../src/app/monitoring/attachMonitoring.js').attachMonitoringInThread;
  readonly TypeOrmMonitoringStore: typeof import('../../src/adapters/monitoring/TypeOrmMonitoringStore.js').TypeOrmMonitoringStore;
  readonly NullLogger: typeof import('../../src/adapters/logging/NullLogger.js').NullLogger;
  readonly CoarseClock: typeof import('../../src/adapters/system/CoarseClock.js').CoarseClock;
}

const SOURCE_ROOT = new URL('../../src/', import.meta.url).href;
register('./moduleCopyHooks.js', import.meta.url, { data: { root: SOURCE_ROOT } });

/** Imports the library again under `label`: classes, functions and compiled code of its own. */
const importCopy = async (label: string): Promise<Library> => {
  const at = (path: string): string => `${SOURCE_ROOT}${path}?copy=${encodeURIComponent(label)}`;
  const [index, attach, typeOrm, logging, clock] = await Promise.all([
    import(at('index.js')) as Promise<typeof import('../../src/index.js')>,
    import(at('app/monitoring/attachMonitoring.js')) as Promise<
      typeof import('../../src/app/monitoring/attachMonitoring.js')
    >,
    import(at('adapters/monitoring/TypeOrmMonitoringStore.js')) as Promise<
      typeof import('../../src/adapters/monitoring/TypeOrmMonitoringStore.js')
    >,
    import(at('adapters/logging/NullLogger.js')) as Promise<
      typeof import('../../src/adapters/logging/NullLogger.js')
    >,
    import(at('adapters/system/CoarseClock.js')) as Promise<
      typeof import('../../src/adapters/system/CoarseClock.js')
    >,
  ]);
  return {
    app: index.app,
    load: index.load,
    attachMonitoring: attach.attachMonitoring,
    attachMonitoringInThread: attach.attachMonitoringInThread,
    TypeOrmMonitoringStore: typeOrm.TypeOrmMonitoringStore,
    NullLogger: logging.NullLogger,
    CoarseClock: clock.CoarseClock,
  };
};

interface Session {
  readonly task: () => PromiseLike<number>;
  readonly waitForTasks: () => Promise<void>;
  /** Writes what monitoring recorded (one kernel: the hub's flush; fresh kernels: cleanup and close). */
  readonly settle: () => Promise<void>;
  readonly close: () => Promise<void>;
}

/**
 * A kernel configured the way a user does it (`monitoring` in the config: the kernel waits for its
 * clock, opens the store and the workers' radio); with `attached`, monitoring is attached to a
 * plain kernel instead, so that its rows can be flushed between bursts.
 */
const openSession = async (
  lib: Library,
  kind: OverheadKind,
  dir: string,
  attached: boolean,
): Promise<Session> => {
  const runDir = mkdtempSync(join(dir, 'k-'));
  const configured = kind !== 'none' && !attached;
  const kernel = await lib.load(
    {
      runDir,
      executors: [{ kind: 'in-process', label: 'local' }],
      progress: false,
      ...(configured ? { monitoring: { storeInWorkerThread: kind === 'thread' } } : {}),
    },
    { global: false, signals: false },
  );
  const url = join(runDir, 'monitoring.db');
  const run = { runId: kernel.runId, runDir: kernel.runDir };
  const handle =
    !attached || kind === 'none'
      ? undefined
      : kind === 'thread'
        ? await lib.attachMonitoringInThread(kernel, { url }, run, new lib.NullLogger())
        : await lib.attachMonitoring(
            kernel,
            new lib.TypeOrmMonitoringStore({ url }),
            run,
            new lib.NullLogger(),
          );
  const task = lib.app((): number => 0, { kernel });
  await task();
  const close = async (): Promise<void> => {
    await kernel.cleanup();
    await handle?.close();
  };
  return {
    task,
    waitForTasks: () => kernel.waitForCurrentTasks(),
    settle: async () => {
      await handle?.flush();
    },
    close,
  };
};

/**
 * One future per session outlives its burst, as a program's results do: when `gc()` collected
 * every future, V8 dropped the future classes' object layouts and threw away the kernel code
 * optimized for them, recompiling it in every burst (--trace-deopt: "weak objects").
 */
const kept = new Map<Session, PromiseLike<number>>();

const burst = async (
  session: Session,
  settle: () => Promise<void>,
  bursts = 1,
): Promise<OverheadRun> => {
  // Every burst starts with an empty young generation, so that none inherits another's garbage.
  gc();
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let b = 0; b < bursts; b += 1) {
    kept.set(session, session.task());
    for (let i = 1; i < TASKS; i += 1) void session.task();
    await session.waitForTasks();
  }
  const run = seconds(start);
  const cpu = cpuSeconds(cpu0);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  await settle();
  // One more turn, so that a stall that lasted to the end of the write is sampled too.
  await new Promise((r) => setTimeout(r, 5));
  delay.disable();
  const settleBlockMs = delay.count > 0 ? delay.max / 1e6 : 0;
  return { run, total: seconds(start), cpu, cpuTotal: cpuSeconds(cpu0), settleBlockMs };
};

/** One configuration of the comparison: its copy of the library and, in one-kernel mode, its kernel. */
interface Side {
  readonly kind: OverheadKind;
  readonly lib: Library;
  session: Session | undefined;
  readonly runs: OverheadRun[];
}

/**
 * Every burst starts after the same pause: 250 ms idle and no copy's clock ticker ticking (it
 * ticks on until ~200 ms after a monitored burst's last read; at most 1 s more). Without it, a
 * burst right after another configuration's burst or flush would start from a different machine
 * state (a busy CPU, a ticker thread still waking) than one after a pause.
 */
const pause = async (sides: readonly Side[]): Promise<void> => {
  await new Promise((r) => setTimeout(r, 250));
  const deadline = Date.now() + 1000;
  const ticking = (): boolean => sides.some((s) => s.lib.CoarseClock.tickerState() === 'ticking');
  while (ticking() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
};

/** The order of a round: a seeded shuffle, so that no configuration always follows the same one. */
const roundOrder = (n: number, round: number): number[] => {
  const order = Array.from({ length: n }, (_, i) => i);
  let seed = (round + 1) * 0x9e3779b1;
  for (let i = n - 1; i > 0; i -= 1) {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0;
    const j = (seed >>> 0) % (i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
};

const [kindsArg = 'none', warmArg = '0', measuredArg = '1', mode = 'fresh-kernels'] =
  process.argv.slice(2);
const kinds = kindsArg.split(',') as OverheadKind[];
const oneKernel = mode === 'one-kernel' || mode === 'steady';
/** `steady`: a round is ten bursts back to back (100,000 tasks), monitoring's writes among them. */
const burstsPerRound = mode === 'steady' ? 10 : 1;
// Scratch in memory where there is a tmpfs: the rows earlier bursts wrote would otherwise be
// written back to disk by the kernel during later bursts (this VM's /tmp is a disk).
const scratch = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const dir = mkdtempSync(join(scratch, 'parsl-overhead-'));
try {
  const sides: Side[] = [];
  for (const [i, kind] of kinds.entries())
    sides.push({ kind, lib: await importCopy(`${i}-${kind}`), session: undefined, runs: [] });
  const rounds = Number(warmArg) + Number(measuredArg);
  for (let round = 0; round < rounds; round += 1) {
    for (const j of roundOrder(sides.length, round)) {
      const side = sides[j] as Side;
      let run: OverheadRun;
      await pause(sides);
      if (oneKernel) {
        side.session ??= await openSession(side.lib, side.kind, dir, true);
        run = await burst(side.session, side.session.settle, burstsPerRound);
      } else {
        const session = await openSession(side.lib, side.kind, dir, false);
        run = await burst(session, session.close);
      }
      if (round >= Number(warmArg)) side.runs.push(run);
    }
  }
  for (const side of sides) await side.session?.close();
  console.log(JSON.stringify({ runs: sides.map((side) => side.runs) }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
