import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileCheckpointStore } from '../../../src/adapters/checkpoint/FileCheckpointStore.js';
import { getAllCheckpoints } from '../../../src/app/kernel/checkpointDirs.js';
import { tempDir } from '../../support/tempRunDir.js';
import { tsChildLoaderArgs } from '../../support/tsChildLoader.js';

const WORKFLOW = join(import.meta.dirname, 'fixtures', 'squaresWorkflow.ts');

interface Run {
  readonly done: number[];
  readonly results: string[] | undefined;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** One workflow process; `stopWhen` decides after each "done" line whether to send `signal`. */
const runWorkflow = (
  args: {
    runinfo: string;
    markers: string;
    n: number;
    mode: string;
    resume: boolean;
    variant: 'a' | 'b';
  },
  stop?: { when: (done: number[]) => boolean; signal: NodeJS.Signals },
): Promise<Run> =>
  new Promise((resolve, reject) => {
    mkdirSync(args.markers, { recursive: true });
    const argv = [
      args.runinfo,
      args.markers,
      String(args.n),
      args.mode,
      args.resume ? 'resume' : 'fresh',
      args.variant,
    ];
    const child = spawn(process.execPath, [...tsChildLoaderArgs(), WORKFLOW, ...argv], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const done: number[] = [];
    let results: string[] | undefined;
    let stderr = '';
    let buffered = '';
    let stopped = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('done ')) done.push(Number(line.slice(5)));
        if (line.startsWith('results ')) results = JSON.parse(line.slice(8)) as string[];
      }
      if (stop !== undefined && !stopped && stop.when(done)) {
        stopped = true;
        child.kill(stop.signal);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (stop === undefined && code !== 0)
        reject(new Error(`workflow exited with ${code}: ${stderr}`));
      else resolve({ done, results, signal, stderr });
    });
  });

/** Task inputs whose marker files were written in `dir` (one per execution). */
const executed = (dir: string): number[] =>
  readdirSync(dir)
    .map((name) => Number(name.split('-')[1]))
    .sort((a, b) => a - b);

/** The inputs whose results are in the checkpoints under `runinfo`. */
const checkpointed = async (runinfo: string): Promise<number[]> => {
  const records = await new FileCheckpointStore({ runDir: runinfo }, { now: () => 0 }).load(
    getAllCheckpoints(runinfo),
  );
  return [...new Set(records.map((r) => (r.value as { i: number }).i))].sort((a, b) => a - b);
};

/** True once run 000 has a complete checkpoint file (its directory appears a moment earlier). */
const hasCheckpointFile = (runinfo: string): boolean => {
  const dir = join(runinfo, '000', 'checkpoint');
  return existsSync(dir) && readdirSync(dir).some((name) => name.endsWith('.ckpt'));
};

const expected = (n: number, variant: 'a' | 'b'): string[] =>
  Array.from({ length: n }, (_, i) => {
    const square = BigInt(i) ** 2n + (variant === 'b' ? 1n : 0n);
    return `${i}:${square}:${new Date(i * 1000).toISOString()}:t${i}:true`;
  });

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('checkpoint and restart (child processes)', { timeout: 180_000 }, () => {
  const dirs: string[] = [];
  const fresh = () => {
    const root = tempDir('memo-e2e-');
    dirs.push(root);
    return {
      runinfo: join(root, 'runinfo'),
      markers: (run: number) => join(root, `markers-${run}`),
    };
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("after SIGKILL part-way through a 'task_exit' run, the next run executes only what was not checkpointed", async () => {
    const { runinfo, markers } = fresh();
    const N = 24;
    const first = await runWorkflow(
      { runinfo, markers: markers(1), n: N, mode: 'task_exit', resume: false, variant: 'a' },
      {
        signal: 'SIGKILL',
        when: (done) => done.length >= 5 && hasCheckpointFile(runinfo),
      },
    );
    expect(first.signal).toBe('SIGKILL');
    expect(first.results).toBeUndefined();
    const saved = await checkpointed(runinfo);
    expect(saved.length).toBeGreaterThan(0);
    expect(saved.every((i) => executed(markers(1)).includes(i))).toBe(true);

    const second = await runWorkflow({
      runinfo,
      markers: markers(2),
      n: N,
      mode: 'task_exit',
      resume: true,
      variant: 'a',
    });
    expect(executed(markers(2))).toEqual(range(N).filter((i) => !saved.includes(i)));
    expect(executed(markers(2)).length).toBeGreaterThan(0);
    expect(second.results).toEqual(expected(N, 'a'));
  });

  it('does not serve the old result to an edited app, and serves it again to the original', async () => {
    const { runinfo, markers } = fresh();
    const base = { runinfo, n: 3, mode: 'task_exit' };
    await runWorkflow({ ...base, markers: markers(1), resume: false, variant: 'a' });
    const edited = await runWorkflow({ ...base, markers: markers(2), resume: true, variant: 'b' });
    expect(executed(markers(2))).toEqual([0, 1, 2]);
    expect(edited.results).toEqual(expected(3, 'b'));
    const original = await runWorkflow({
      ...base,
      markers: markers(3),
      resume: true,
      variant: 'a',
    });
    expect(executed(markers(3))).toEqual([]);
    expect(original.results).toEqual(expected(3, 'a'));
  });

  it("checkpoints every finished task when a 'dfk_exit' run gets SIGTERM", async () => {
    const { runinfo, markers } = fresh();
    const run = await runWorkflow(
      { runinfo, markers: markers(1), n: 30, mode: 'dfk_exit', resume: false, variant: 'a' },
      { signal: 'SIGTERM', when: (done) => done.length >= 4 },
    );
    // The aborted task rejects the workflow's await, so the process may end with code 1 first.
    expect(run.results).toBeUndefined();
    const saved = await checkpointed(runinfo);
    expect(saved.slice(0, run.done.length)).toEqual(run.done);
  });

  it("writes nothing when a 'dfk_exit' run gets SIGKILL", async () => {
    const { runinfo, markers } = fresh();
    const run = await runWorkflow(
      { runinfo, markers: markers(1), n: 30, mode: 'dfk_exit', resume: false, variant: 'a' },
      { signal: 'SIGKILL', when: (done) => done.length >= 4 },
    );
    expect(run.signal).toBe('SIGKILL');
    expect(getAllCheckpoints(runinfo)).toEqual([]);
  });

  it("writes checkpoints while a 'periodic' run is still going", async () => {
    const { runinfo, markers } = fresh();
    const run = await runWorkflow(
      { runinfo, markers: markers(1), n: 200, mode: 'periodic', resume: false, variant: 'a' },
      { signal: 'SIGKILL', when: () => hasCheckpointFile(runinfo) },
    );
    expect(run.signal).toBe('SIGKILL');
    expect(run.done.length).toBeLessThan(200);
    const saved = await checkpointed(runinfo);
    expect(saved).toEqual(range(saved.length));
    expect(saved.length).toBeGreaterThan(0);
  });
});
