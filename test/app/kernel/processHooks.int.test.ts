import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot } from '../../support/ensureBuilt.js';
import { processAlive } from '../../support/processAlive.js';
import { tempDir } from '../../support/tempRunDir.js';

beforeAll(ensureBuilt, 180_000);

const script = join(repoRoot, 'test/fixtures/scripts/signalWorkflow.mjs');
const index = join(repoRoot, 'dist/src/index.js');

const start = (
  mode: 'wait' | 'finish',
  runDir: string,
): {
  child: ChildProcess;
  output: Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>;
} => {
  const child = spawn(process.execPath, [script, index, runDir, mode], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const output = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, output };
};

const waitFor = async (check: () => boolean, ms: number): Promise<void> => {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 25));
};

describe('process hooks', () => {
  it('exits by itself when the script ends, and writes the end of the run to the log', async () => {
    const runDir = tempDir();
    const { output } = start('finish', runDir);
    const result = await output;
    expect(result.stdout).toBe('spin 42\ndone\n');
    expect(result.code).toBe(0);
    expect(readFileSync(join(runDir, '000', 'parsl.log'), 'utf8')).toMatch(
      /cleaned up: 2 exec_done/,
    );
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'on %s aborts the run, kills bash children and ends by the signal',
    async (signal) => {
      const runDir = tempDir();
      const { child, output } = start('wait', runDir);
      let pids: number[] = [];
      let ready = false;
      child.stdout?.on('data', (chunk: Buffer) => {
        ready ||= chunk.toString().includes('ready');
      });
      await waitFor(() => {
        pids = readPids(runDir);
        return pids.length === 2 && ready;
      }, 20_000);
      expect(pids).toHaveLength(2);
      expect(pids.every(processAlive)).toBe(true);
      child.kill(signal);
      const result = await output;
      expect(result.signal).toBe(signal);
      expect(result.stdout).toMatch(/settled failed,failed/);
      await waitFor(() => !pids.some(processAlive), 3_000);
      expect(pids.filter(processAlive)).toEqual([]);
      expect(readFileSync(join(runDir, '000', 'parsl.log'), 'utf8')).toMatch(
        /cleaned up: 1 exec_done, 2 failed/,
      );
    },
  );
});

const readPids = (runDir: string): number[] => {
  try {
    return readdirSync(join(runDir, 'pids'))
      .map((name) => Number(readFileSync(join(runDir, 'pids', name), 'utf8').trim()))
      .filter((pid) => pid > 0);
  } catch {
    return [];
  }
};
