import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ThreadPoolExecutor } from '../../../src/adapters/executors/ThreadPoolExecutor.js';
import { sourceLoaderUrl } from '../../../src/adapters/system/typeScriptSourceLoader.js';
import { ConfigurationError } from '../../../src/domain/errors/ConfigurationError.js';
import {
  ExecutorError,
  SerializationError,
  UnshippableFunctionError,
  WorkerLost,
} from '../../../src/domain/errors/ExecutorErrors.js';
import { ParslError } from '../../../src/domain/errors/ParslError.js';
import { AppTimeout, RemoteException } from '../../../src/domain/errors/TaskErrors.js';
import { File } from '../../../src/domain/staging/File.js';
import { Special } from '../../../src/domain/task/Special.js';
import type {
  ExecutorContext,
  ExecutorTask,
  FunctionPayload,
} from '../../../src/ports/Executor.js';

const APPS = new URL('../../fixtures/apps/threadApps.ts', import.meta.url).href;
const EXIT_PROBE = fileURLToPath(new URL('../../fixtures/apps/exitProbe.ts', import.meta.url));
const silent = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  debugEnabled: false,
  flush() {},
  close() {},
};
const context: ExecutorContext = { runDir: tmpdir(), logger: silent };

interface StagingReport {
  readonly made: File;
  readonly nested: ReadonlyArray<{ readonly file: unknown }>;
  readonly special: Special;
}

let nextId = 0;
const byRef = (exportName: string, args: unknown[], walltimeSeconds?: number): ExecutorTask => ({
  id: nextId++,
  tryId: 0,
  appName: exportName,
  ...(walltimeSeconds === undefined ? {} : { walltimeSeconds }),
  payload: {
    kind: 'function',
    fn: () => undefined,
    ship: { kind: 'module', moduleUrl: APPS, exportName },
    args,
  },
});
const byValue = (
  fn: (...args: never[]) => unknown,
  args: unknown[],
  source = fn.toString(),
): ExecutorTask => ({
  id: nextId++,
  tryId: 0,
  appName: fn.name === '' ? 'anonymous' : fn.name,
  payload: {
    kind: 'function',
    fn: fn as FunctionPayload['fn'],
    ship: { kind: 'source', source },
    args,
  },
});
const bash = (command: string): ExecutorTask => ({
  id: nextId++,
  tryId: 0,
  appName: 'wait_for_go',
  payload: { kind: 'bash', command, outputs: [] },
});

describe(ThreadPoolExecutor.name, () => {
  let executor: ThreadPoolExecutor;
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parsl-ts-threads-'));
    executor = new ThreadPoolExecutor({ maxThreads: 2 });
    await executor.start(context);
  });

  afterEach(async () => {
    await executor.shutdown({ abort: true });
    await rm(dir, { recursive: true, force: true });
  });

  describe('options', () => {
    it('defaults to label "threads", 2 threads, managed', () => {
      const pool = new ThreadPoolExecutor();
      expect([pool.label, pool.managed, pool.scalingEnabled]).toEqual(['threads', true, false]);
    });

    it('rejects maxThreads below 1 with a ConfigurationError naming the field', () => {
      expect(() => new ThreadPoolExecutor({ label: 'cpu', maxThreads: 0 })).toThrow(
        ConfigurationError,
      );
      expect(() => new ThreadPoolExecutor({ label: 'cpu', maxThreads: 0 })).toThrow(
        'executors[cpu].maxThreads',
      );
    });
  });

  describe('.submit by reference', () => {
    it('runs an exported function in a worker thread', async () => {
      await expect(executor.submit(byRef('double', [21]))).resolves.toBe(42);
    });

    it('awaits async functions', async () => {
      const results = await Promise.all(
        [1, 2, 3].map((x) => executor.submit(byRef('asyncDouble', [x]))),
      );
      expect(results).toEqual([2, 4, 6]);
    });

    it('imports the module in a thread marked as a parsl-ts worker', async () => {
      await expect(executor.submit(byRef('whereLoaded', []))).resolves.toBe(true);
    });

    it('rebuilds File and Special arguments and results as real instances', async () => {
      const special = new Special([], [new File('out/a.txt')], '/tmp/a.stdout');
      const file = new File('https://example.org/data.csv', '/tmp/data.csv');
      const result = (await executor.submit(
        byRef('inspectStaging', [file, { files: [new File('b.txt')] }, special]),
      )) as StagingReport;
      expect(result).toMatchObject({
        fileIsFile: true,
        filepath: '/tmp/data.csv',
        nestedIsFile: true,
        specialIsSpecial: true,
        outputIsFile: true,
        stdout: '/tmp/a.stdout',
      });
      expect(result.made).toBeInstanceOf(File);
      expect(result.made.localPath).toBe('/tmp/local.out');
      expect(result.nested[0]?.file).toBeInstanceOf(File);
      const back = result.special;
      expect(back).toBeInstanceOf(Special);
      expect([back.inputs[0], back.outputs[0]]).toEqual([new File('in.txt'), new File('out.txt')]);
      expect([back.stdout, back.stderr, back.label, back.walltime]).toEqual([
        'o.log',
        'e.log',
        'lbl',
        5,
      ]);
    });

    it('fails with UnshippableFunctionError when the export is missing', async () => {
      const attempt = executor.submit(byRef('noSuchApp', []));
      await expect(attempt).rejects.toBeInstanceOf(UnshippableFunctionError);
      await expect(attempt).rejects.toThrow(
        /app noSuchApp: module .*threadApps\.ts has no export "noSuchApp" \(it exports: .*double/,
      );
    });
  });

  describe('.submit by value', () => {
    it('compiles arrow functions, async functions and method shorthand', async () => {
      const square = (x: number): number => x * x;
      const later = async (x: number): Promise<number> => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return x + 1;
      };
      const holder = {
        triple(x: number): number {
          return x * 3;
        },
      };
      const results = await Promise.all([
        executor.submit(byValue(square, [7])),
        executor.submit(byValue(later, [1])),
        executor.submit(byValue(holder.triple, [5])),
        executor.submit(
          byValue(
            function named(a: string) {
              return a.toUpperCase();
            },
            ['x'],
          ),
        ),
      ]);
      expect(results).toEqual([49, 2, 15, 'X']);
    });

    it('rejects a closure with UnshippableFunctionError naming the free variable and the fix', async () => {
      const factor = 3;
      const scale = (x: number): number => x * factor;
      const attempt = executor.submit(byValue(scale, [2]));
      await expect(attempt).rejects.toBeInstanceOf(UnshippableFunctionError);
      await expect(attempt).rejects.toThrow(
        /app scale: .*references "factor", which is not defined in the worker\. Functions shipped by value must be self-contained.*app\(fn, \{ module: import\.meta\.url \}\).*in-process executor/,
      );
    });

    it.each([
      ['native', Math.max],
      ['bound', ((x: number) => x).bind(null)],
    ])('rejects a %s function with UnshippableFunctionError', async (_kind, fn) => {
      const attempt = executor.submit(byValue(fn, [1]));
      await expect(attempt).rejects.toBeInstanceOf(UnshippableFunctionError);
      await expect(attempt).rejects.toThrow(
        /native or bound .* cannot be shipped to a worker by value\. Fix: wrap/,
      );
    });
  });

  describe('when values cannot be cloned', () => {
    it('names the argument index and path of a function argument', async () => {
      const attempt = executor.submit(byRef('double', [1, { cb: () => 1 }]));
      await expect(attempt).rejects.toBeInstanceOf(SerializationError);
      await expect(attempt).rejects.toThrow(
        /app double: argument 1 cannot be sent to a worker thread: it contains a function \(cb\) at \.cb/,
      );
    });

    it('names the argument index when structured clone itself refuses it', async () => {
      class Holder {
        public readonly run = (): number => 1;
      }
      const attempt = executor.submit(byRef('double', [new Holder()]));
      await expect(attempt).rejects.toBeInstanceOf(SerializationError);
      await expect(attempt).rejects.toThrow(
        /app double: argument 0 cannot be sent to a worker thread/,
      );
    });

    it('names the result when the app returns a function', async () => {
      const attempt = executor.submit(byRef('returnFunction', []));
      await expect(attempt).rejects.toBeInstanceOf(SerializationError);
      await expect(attempt).rejects.toThrow(
        /app returnFunction: its result cannot be sent back .*a function \(callback\) at \.callback/,
      );
    });
  });

  describe('when the app throws', () => {
    it('rebuilds a built-in error as the same class with message and remote stack', async () => {
      const error = await executor
        .submit(byRef('throwTypeError', ['bad input']))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as TypeError).message).toBe('bad input');
      expect((error as TypeError).stack).toContain('throwTypeError');
    });

    it('rebuilds a custom error as RemoteException with its properties', async () => {
      const error = await executor.submit(byRef('throwCustom', [7])).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteException);
      expect(error).toMatchObject({
        remoteName: 'QuotaError',
        message: 'quota of 7 exceeded',
        limit: 7,
        remoteCode: 'E_QUOTA',
      });
      expect((error as RemoteException).remoteStack).toContain('throwCustom');
    });

    it('keeps the code of a ParslError thrown remotely', async () => {
      const error = await executor.submit(byRef('throwAppFailure', [])).catch((e: unknown) => e);
      expect(ParslError.is(error) && error.code).toBe('TASK_APP_FAILED');
      expect(error).toMatchObject({ remoteName: 'AppFailure', exitCode: 3 });
    });
  });

  describe('walltime', () => {
    it('kills a runaway thread with AppTimeout, requeues what waited behind it, keeps working', async () => {
      const single = new ThreadPoolExecutor({ label: 'one', maxThreads: 1 });
      await single.start(context);
      try {
        const runaway = single.submit(byRef('spin', [60_000], 0.5));
        const behind = [1, 2, 3].map((x) => single.submit(byRef('double', [x])));
        await expect(runaway).rejects.toBeInstanceOf(AppTimeout);
        await expect(Promise.all(behind)).resolves.toEqual([2, 4, 6]);
        await expect(single.submit(byRef('double', [10]))).resolves.toBe(20);
      } finally {
        await single.shutdown({ abort: true });
      }
    });
  });

  describe('when a thread dies', () => {
    it('rejects the task with WorkerLost on process.exit and recovers', async () => {
      const attempt = executor.submit(byRef('exitThread', [3]));
      await expect(attempt).rejects.toBeInstanceOf(WorkerLost);
      await expect(attempt).rejects.toThrow(
        /executor threads: worker thread-\d+ on .* was lost while running a task \(the thread exited with code 3\)/,
      );
      await expect(executor.submit(byRef('double', [5]))).resolves.toBe(10);
    });

    it('rejects the task with WorkerLost on an uncaught asynchronous error and recovers', async () => {
      const attempt = executor.submit(byRef('throwLater', []));
      await expect(attempt).rejects.toThrow(
        /lost while running a task \(an uncaught Error ended the thread: late boom\)/,
      );
      await expect(executor.submit(byRef('double', [6]))).resolves.toBe(12);
    });
  });

  describe('concurrency', () => {
    it('runs at most maxThreads function tasks at once', async () => {
      const shared = new SharedArrayBuffer(8);
      await Promise.all(
        Array.from({ length: 6 }, () => executor.submit(byRef('probeConcurrency', [shared, 2]))),
      );
      expect(new Int32Array(shared)[1]).toBe(2);
    });

    describe('with bash apps in the mix', () => {
      /** Waits up to `seconds` for `marker`, then logs whether it appeared. */
      const waitInBash = (marker: string, log: string, seconds: number): string =>
        `for i in $(seq ${Math.round(seconds / 0.05)}); do [ -e ${marker} ] && { echo bash-saw-go >> ${log}; exit 0; }; sleep 0.05; done; echo bash-gave-up >> ${log}`;
      const waitInThread = (marker: string, log: string, seconds: number): string => {
        const fs = process.getBuiltinModule('node:fs');
        const nap = new Int32Array(new SharedArrayBuffer(4));
        for (let i = 0; i < seconds * 20; i += 1) {
          if (fs.existsSync(marker)) {
            fs.appendFileSync(log, 'fn-saw-go\n');
            return 'saw';
          }
          Atomics.wait(nap, 0, 0, 50);
        }
        fs.appendFileSync(log, 'fn-gave-up\n');
        return 'gave up';
      };
      const createInThread = (marker: string, log: string): void => {
        const fs = process.getBuiltinModule('node:fs');
        fs.writeFileSync(marker, '');
        fs.appendFileSync(log, 'fn\n');
      };
      const run = async (
        maxThreads: number,
        first: ExecutorTask,
        second: ExecutorTask,
      ): Promise<string> => {
        const pool = new ThreadPoolExecutor({ label: 'mixed', maxThreads });
        await pool.start(context);
        try {
          await Promise.all([pool.submit(first), pool.submit(second)]);
          return await readFile(join(dir, 'log'), 'utf8');
        } finally {
          await pool.shutdown({ abort: true });
        }
      };

      it.each([
        [1, 'bash-gave-up\nfn\n', 1.5],
        [2, 'fn\nbash-saw-go\n', 20],
      ])(
        'a running bash app takes a slot (maxThreads=%i)',
        async (maxThreads, expected, seconds) => {
          const [go, log] = [join(dir, 'go'), join(dir, 'log')];
          const log2 = await run(
            maxThreads,
            bash(waitInBash(go, log, seconds)),
            byValue(createInThread, [go, log]),
          );
          expect(log2).toBe(expected);
        },
      );

      it.each([
        [1, 'fn-gave-up\nbash\n', 1.5],
        [2, 'bash\nfn-saw-go\n', 20],
      ])(
        'a running function app takes a slot (maxThreads=%i)',
        async (maxThreads, expected, seconds) => {
          const [go, log] = [join(dir, 'go'), join(dir, 'log')];
          const content = await run(
            maxThreads,
            byValue(waitInThread, [go, log, seconds]),
            bash(`touch ${go}; echo bash >> ${log}`),
          );
          expect(content).toBe(expected);
        },
      );
    });
  });

  describe('.shutdown', () => {
    it('with abort rejects outstanding attempts with an ExecutorError naming the executor', async () => {
      const running = executor.submit(byRef('spin', [60_000])).catch((e: unknown) => e);
      const queued = executor.submit(byRef('double', [1])).catch((e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await executor.shutdown({ abort: true });
      const [first, second] = await Promise.all([running, queued]);
      expect(first).toBeInstanceOf(ExecutorError);
      expect((first as Error).message).toMatch(
        /^executor threads: shut down while task \d+ \(app spin\) was outstanding/,
      );
      expect(second).toBeInstanceOf(ExecutorError);
      expect(executor.outstanding()).toBe(0);
    });

    it('killSync kills running bash apps at once', async () => {
      const sleeper = executor.submit(bash('sleep 30'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      executor.killSync();
      await expect(sleeper).rejects.toThrow(/killed by SIGKILL/);
    });

    it('refuses submits afterwards', async () => {
      await executor.shutdown();
      await expect(executor.submit(byRef('double', [1]))).rejects.toThrow(
        /submit called after shutdown\(\)/,
      );
    });

    it.each(['idle', 'shutdown'])('lets the process exit on its own (%s threads)', async (mode) => {
      const run = await runExitProbe([mode]);
      expect(run).toEqual({ code: 0, signal: null, stdout: '[1,4,9,16]\n', stderr: '' });
    });
  });

  describe('when threads cannot start', () => {
    it('fails queued attempts after 3 boot failures in a row, naming the last cause', async () => {
      const boom = join(dir, 'boom.cjs');
      await writeFile(
        boom,
        "if (require('node:worker_threads').workerData?.progress) throw new Error('boot boom');\n",
      );
      const run = await runExitProbe(['idle'], ['--require', boom]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /ExecutorError: executor threads: worker threads keep dying while starting \(3 in a row; last: uncaught Error: boot boom\) \(task \d+, app square\)/,
      );
    });
  });
});

/** Runs test/fixtures/apps/exitProbe.ts in a fresh node (TypeScript loader first); kills it after 20 s. */
const runExitProbe = async (
  args: readonly string[],
  execArgv: readonly string[] = [],
): Promise<{
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}> => {
  const child = spawn(
    process.execPath,
    ['--import', sourceLoaderUrl('test'), ...execArgv, EXIT_PROBE, ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('exit', (c, s) => resolve([c, s])),
  );
  clearTimeout(killer);
  return { code, signal, stdout, stderr };
};
