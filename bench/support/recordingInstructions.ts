// Monitoring's recording path counted in machine instructions (cachegrind) instead of time: the
// wall clock on a shared 2-core VM cannot tell apart variants closer than ~10 points, and the
// instructions a process executes do not depend on the host's other tenants. Each variant of
// instructionChild.ts runs under `valgrind --tool=cachegrind` twice, for SHORT and for LONG
// bursts; `cg_diff` of the two leaves LONG - SHORT steady bursts without start-up, and
// `cg_annotate` splits them by function into the optimizing compiler (background work that moves
// between runs), the garbage collector, JIT-compiled JavaScript (the recording path lives here),
// V8's builtins and the rest. Grouping is by function name, so it is approximate.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { RecordingKind } from './instructionChild.js';

const SHORT = 6;
const LONG = 16;
/** Task-state changes per burst: 10,000 tasks, each pending, launched and exec_done. */
const CHANGES_PER_BURST = 30_000;
/** cg_diff and cg_annotate print a line per function V8 and Node have: tens of megabytes. */
const OUTPUT_LIMIT = 512 * 1024 * 1024;
const KINDS: readonly RecordingKind[] = ['none', 'noop', 'log', 'drained'];
const VARIANTS: Record<RecordingKind, string> = {
  none: 'no observer',
  noop: 'a recorder that does nothing (the only observer)',
  log: "the monitoring hub's TaskEventLog (the only observer), recording only",
  drained: 'the same, read back into events after each burst (a flush without rows)',
};

export interface InstructionGroups {
  readonly total: number;
  readonly compiler: number;
  readonly gc: number;
  readonly jit: number;
  readonly builtins: number;
  readonly other: number;
}

const COMPILER = /compiler::|Compiler|Pipeline|Turbofan|maglev/;
const GC =
  /Scaveng|Heap|Marking|Sweep|Evacuat|Pretenur|GC|SizeFromMap|BodyDescriptor|ShouldBePromoted|RememberedSet/;

/** Sums `cg_annotate --auto=no --threshold=0` rows ("1,234 (0.5%)  file:function") by group. */
export const groupInstructions = (annotated: string): InstructionGroups => {
  const sums = { total: 0, compiler: 0, gc: 0, jit: 0, builtins: 0, other: 0 };
  let inFunctions = false;
  for (const line of annotated.split('\n')) {
    if (line.includes('file:function')) {
      inFunctions = true;
      continue;
    }
    const row = /^\s*(-?[\d,]+)\s+\(\s*-?[\d.]+%\)\s+(.*)$/.exec(line);
    if (!inFunctions || row === null) continue;
    const count = Number((row[1] as string).replaceAll(',', ''));
    const name = row[2] as string;
    sums.total += count;
    if (COMPILER.test(name)) sums.compiler += count;
    else if (GC.test(name)) sums.gc += count;
    else if (name === '???:???') sums.jit += count;
    else if (name.includes('Builtins_')) sums.builtins += count;
    else sums.other += count;
  }
  return sums;
};

/** True when `tool` can be started (cg_annotate and cg_diff exit non-zero even for --version). */
const hasTool = (tool: string): boolean =>
  spawnSync(tool, ['--version'], { stdio: 'ignore' }).error === undefined;

const countUnderCachegrind = (
  kind: RecordingKind,
  bursts: number,
  dir: string,
): Promise<string> => {
  const out = join(dir, `cachegrind.${kind}.${bursts}`);
  const child = join(import.meta.dirname, 'instructionChild.js');
  return new Promise((resolve, reject) => {
    const run = spawn(
      'valgrind',
      [
        '--tool=cachegrind',
        '--cache-sim=no',
        `--cachegrind-out-file=${out}`,
        process.execPath,
        child,
        kind,
        String(bursts),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    run.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    run.on('error', reject);
    run.on('exit', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`cachegrind ${kind} ${bursts} exited ${code}: ${stderr}`)),
    );
  });
};

/** Runs `jobs` with at most `limit` at a time, results in the order of `jobs`. */
const inParallel = async <T>(jobs: readonly (() => Promise<T>)[], limit: number): Promise<T[]> => {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next;
      next += 1;
      results[index] = await (jobs[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
};

/** Emits one line per variant; a line saying what to install when valgrind is missing. */
export const recordingInstructions = async (
  dir: string,
  emit: (record: Record<string, unknown>) => void,
): Promise<void> => {
  if (!hasTool('valgrind') || !hasTool('cg_annotate')) {
    emit({
      bench: 'monitoring_recording_instructions',
      skipped: 'valgrind is not installed (Debian: apt-get install valgrind)',
    });
    return;
  }
  process.stderr.write(
    `monitoring_recording_instructions: ${KINDS.length * 2} runs under cachegrind (~3 minutes each, ${availableParallelism()} at a time)\n`,
  );
  const jobs = KINDS.flatMap((kind) =>
    [SHORT, LONG].map((bursts) => () => countUnderCachegrind(kind, bursts, dir)),
  );
  const files = await inParallel(jobs, availableParallelism());
  const groups = new Map<RecordingKind, InstructionGroups>();
  KINDS.forEach((kind, k) => {
    const diff = join(dir, `cachegrind.${kind}.diff`);
    const diffed = spawnSync('cg_diff', [files[2 * k] as string, files[2 * k + 1] as string], {
      encoding: 'utf8',
      maxBuffer: OUTPUT_LIMIT,
    });
    if (diffed.status !== 0) throw new Error(`cg_diff failed: ${diffed.error ?? diffed.stderr}`);
    writeFileSync(diff, diffed.stdout);
    const annotated = spawnSync('cg_annotate', ['--auto=no', '--threshold=0', diff], {
      encoding: 'utf8',
      maxBuffer: OUTPUT_LIMIT,
    });
    if (annotated.status !== 0)
      throw new Error(`cg_annotate failed: ${annotated.error ?? annotated.stderr}`);
    groups.set(kind, groupInstructions(annotated.stdout));
  });
  const bursts = LONG - SHORT;
  const none = groups.get('none') as InstructionGroups;
  const withoutCompiler = (g: InstructionGroups): number => g.total - g.compiler;
  for (const kind of KINDS) {
    const g = groups.get(kind) as InstructionGroups;
    emit({
      bench: 'monitoring_recording_instructions',
      variant: VARIANTS[kind],
      n: 10_000,
      bursts_counted: bursts,
      instructions_per_burst: Math.round(withoutCompiler(g) / bursts),
      jit_per_burst: Math.round(g.jit / bursts),
      gc_per_burst: Math.round(g.gc / bursts),
      builtins_per_burst: Math.round(g.builtins / bursts),
      compiler_per_burst: Math.round(g.compiler / bursts),
      overhead_pct: Math.round((withoutCompiler(g) / withoutCompiler(none) - 1) * 1000) / 10,
      jit_instructions_per_change_over_none: Math.round(
        (g.jit - none.jit) / bursts / CHANGES_PER_BURST,
      ),
    });
  }
};
