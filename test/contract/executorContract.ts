import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExecutorError } from '../../src/domain/errors/ExecutorErrors.js';
import { AppFailure, AppTimeout, MissingOutputs } from '../../src/domain/errors/TaskErrors.js';
import { File } from '../../src/domain/staging/File.js';
import type { Executor, ExecutorContext } from '../../src/ports/Executor.js';
import { RecordingLogger } from '../support/RecordingLogger.js';
import {
  bashTask,
  failureOf,
  functionTask,
  gone,
  outcomeOf,
  readPid,
  settleWithin,
} from './executorContractTasks.js';

/** An executor under contract, not yet started, and what else its factory made. */
export interface ExecutorContractSubject {
  readonly executor: Executor;
  /** Removes what the factory made besides the executor (the contract shuts the executor down). */
  readonly cleanup?: () => Promise<void>;
}

/** What the contract gives a factory: the label to use and a scratch directory of this subject. */
export interface ExecutorContractSetup {
  readonly label: string;
  readonly dir: string;
}

/** The contract's cases, by key (for {@link ExecutorContractOptions.knownDiscrepancies}). */
export type ExecutorContractCase =
  | 'abortBash'
  | 'abortFunction'
  | 'abortLeavesNoProcess'
  | 'submitAfterShutdownMessage';

export interface ExecutorContractOptions {
  /**
   * Cases where the adapter is known to break the port's documented contract, with the reason.
   * They run as `it.fails`, so fixing the adapter turns them red until the entry is removed.
   */
  readonly knownDiscrepancies?: Partial<Record<ExecutorContractCase, string>>;
  /** False for a fake that answers bash apps from a script: the process checks are skipped. @default true */
  readonly spawnsBashProcesses?: boolean;
}

/**
 * The bash commands the contract runs and what bash does with them. A scripted fake must answer
 * these; a real executor just runs them.
 */
export const EXECUTOR_CONTRACT_BASH = {
  streams: { command: 'echo out; echo err >&2', stdout: 'out\n', stderr: 'err\n' },
  append: { command: 'echo more', stdout: 'more\n' },
  fail: { command: 'exit 3', exitCode: 3 },
  noOutput: { command: 'true' },
  slow: { command: 'sleep 10', walltimeSeconds: 0.5 },
  long: { command: 'sleep 30' },
} as const;

/** Runs the Executor port contract against executors made by `makeExecutor`. */
export const describeExecutorContract = (
  name: string,
  makeExecutor: (setup: ExecutorContractSetup) => Promise<ExecutorContractSubject>,
  options: ExecutorContractOptions = {},
): void => {
  const label = 'contract';
  const B = EXECUTOR_CONTRACT_BASH;
  const contractIt = (
    key: ExecutorContractCase,
    title: string,
    body: () => Promise<void>,
  ): void => {
    const reason = options.knownDiscrepancies?.[key];
    if (reason === undefined) it(title, body);
    else it.fails(`${title} [known discrepancy: ${reason}]`, body);
  };

  /** Makes a subject in a fresh directory; `context` is what `start` gets. */
  const arrange = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parsl-executor-contract-'));
    const subject = await makeExecutor({ label, dir });
    const context: ExecutorContext = { runDir: dir, logger: new RecordingLogger() };
    const dispose = async (): Promise<void> => {
      await subject.executor.shutdown({ abort: true });
      await subject.cleanup?.();
      await rm(dir, { recursive: true, force: true });
    };
    return { dir, executor: subject.executor, context, dispose };
  };

  describe(`${name} (Executor contract)`, () => {
    describe('when started', () => {
      let s: Awaited<ReturnType<typeof arrange>>;

      beforeAll(async () => {
        s = await arrange();
        await s.executor.start(s.context);
      });

      afterAll(() => s.dispose());

      it('keeps the label it was given and is managed by default', () => {
        expect([s.executor.label, s.executor.managed]).toEqual([label, true]);
      });

      describe('function apps', () => {
        it('resolves with the value of the function called with the arguments', async () => {
          await expect(s.executor.submit(functionTask('multiply', [6, 7]))).resolves.toBe(42);
        });

        it("awaits an async function's promise", async () => {
          await expect(s.executor.submit(functionTask('delayed', [50, 'slow']))).resolves.toBe(
            'slow',
          );
        });

        it('returns structured values intact', async () => {
          await expect(s.executor.submit(functionTask('shape', [3]))).resolves.toEqual({
            n: 3,
            list: [3, 4],
            nested: { label: 'n3', none: null },
          });
        });

        it('passes a File argument through as a File', async () => {
          const result = await s.executor.submit(
            functionTask('identity', [new File('/data/in.txt')]),
          );
          expect([File.isFile(result), File.isFile(result) && result.filepath]).toEqual([
            true,
            '/data/in.txt',
          ]);
        });

        it('rejects with a built-in error thrown by the app, keeping its class and message', async () => {
          const error = await failureOf(s.executor.submit(functionTask('rangeError', ['bad n'])));
          expect([error instanceof RangeError, (error as Error).message]).toEqual([true, 'bad n']);
        });

        it("rejects with the app's own error: its name, message and properties", async () => {
          const error = (await failureOf(s.executor.submit(functionTask('ownError', [5])))) as {
            name?: unknown;
            message?: unknown;
            limit?: unknown;
          };
          expect([error instanceof Error, error.name, error.message, error.limit]).toEqual([
            true,
            'QuotaError',
            'over quota',
            5,
          ]);
        });

        it('rejects an attempt that outlives its walltime with AppTimeout', async () => {
          const task = functionTask('delayed', [10_000, 'late'], { walltimeSeconds: 0.5 });
          await expect(settleWithin(outcomeOf(s.executor.submit(task)), 8000)).resolves.toEqual({
            rejected: expect.any(AppTimeout),
          });
        });

        it('runs two attempts of one task (a retry) independently', async () => {
          const first = functionTask('delayed', [100, 'try 0'], { id: 7_000_001, tryId: 0 });
          const retry = functionTask('delayed', [10, 'try 1'], { id: 7_000_001, tryId: 1 });
          await expect(
            Promise.all([s.executor.submit(first), s.executor.submit(retry)]),
          ).resolves.toEqual(['try 0', 'try 1']);
        });
      });

      describe('bash apps', () => {
        it('resolves with 0 and sends stdout and stderr to their target files', async () => {
          const [out, err] = [join(s.dir, 'streams.out'), join(s.dir, 'streams.err')];
          const task = bashTask(B.streams.command, {
            stdout: { path: out, mode: 'w' },
            stderr: { path: err, mode: 'w' },
          });
          const result = await s.executor.submit(task);
          expect([result, await readFile(out, 'utf8'), await readFile(err, 'utf8')]).toEqual([
            0,
            B.streams.stdout,
            B.streams.stderr,
          ]);
        });

        it("appends to a stream target opened with mode 'a'", async () => {
          const out = join(s.dir, 'append.out');
          await writeFile(out, 'first\n');
          await s.executor.submit(bashTask(B.append.command, { stdout: { path: out, mode: 'a' } }));
          expect(await readFile(out, 'utf8')).toBe(`first\n${B.append.stdout}`);
        });

        it('rejects a non-zero exit with AppFailure carrying the exit code', async () => {
          const error = await failureOf(s.executor.submit(bashTask(B.fail.command)));
          expect([error instanceof AppFailure, (error as AppFailure).exitCode]).toEqual([
            true,
            B.fail.exitCode,
          ]);
        });

        it('rejects with MissingOutputs when a declared output was not produced', async () => {
          const missing = join(s.dir, 'never-written.txt');
          const error = await failureOf(
            s.executor.submit(bashTask(B.noOutput.command, { outputs: [missing] })),
          );
          expect([error instanceof MissingOutputs, (error as MissingOutputs).outputs]).toEqual([
            true,
            [missing],
          ]);
        });

        it('rejects a command that outlives its walltime with AppTimeout', async () => {
          const task = bashTask(B.slow.command, { walltimeSeconds: B.slow.walltimeSeconds });
          await expect(settleWithin(outcomeOf(s.executor.submit(task)), 8000)).resolves.toEqual({
            rejected: expect.any(AppTimeout),
          });
        });
      });

      describe('.outstanding', () => {
        it('counts every submitted attempt until it settles, each with its own value', async () => {
          const attempts = Array.from({ length: 200 }, (_, i) =>
            s.executor.submit(functionTask('delayed', [5, i])),
          );
          const whileRunning = s.executor.outstanding();
          const values = await Promise.all(attempts);
          expect([whileRunning, values, s.executor.outstanding()]).toEqual([
            200,
            Array.from({ length: 200 }, (_, i) => i),
            0,
          ]);
        });

        it('stops counting an attempt once it has failed', async () => {
          const attempt = failureOf(s.executor.submit(functionTask('rangeError', ['x'])));
          const whileRunning = s.executor.outstanding();
          await attempt;
          expect([whileRunning, s.executor.outstanding()]).toEqual([1, 0]);
        });
      });
    });

    describe('lifecycle', () => {
      let s: Awaited<ReturnType<typeof arrange>>;

      beforeEach(async () => {
        s = await arrange();
      });

      afterEach(() => s.dispose());

      it('rejects submit before start with an ExecutorError naming the executor', async () => {
        const error = await failureOf(s.executor.submit(functionTask('multiply', [1, 2])));
        expect([error instanceof ExecutorError, (error as ExecutorError).executor]).toEqual([
          true,
          label,
        ]);
      });

      it('resolves shutdown, and resolves a second shutdown too', async () => {
        await s.executor.start(s.context);
        await expect(
          s.executor.shutdown().then(() => s.executor.shutdown()),
        ).resolves.toBeUndefined();
      });

      it('rejects submit after shutdown with an ExecutorError naming the executor', async () => {
        await s.executor.start(s.context);
        await s.executor.shutdown();
        const error = await failureOf(s.executor.submit(functionTask('multiply', [1, 2])));
        expect([error instanceof ExecutorError, (error as ExecutorError).executor]).toEqual([
          true,
          label,
        ]);
      });

      contractIt(
        'submitAfterShutdownMessage',
        'says a submit after shutdown came after shutdown, not before start',
        async () => {
          await s.executor.start(s.context);
          await s.executor.shutdown();
          const error = await failureOf(s.executor.submit(functionTask('multiply', [1, 2])));
          expect((error as Error).message).toMatch(/shut ?down/i);
        },
      );

      contractIt(
        'abortFunction',
        'with abort, rejects an outstanding function attempt at once and counts it no more',
        async () => {
          await s.executor.start(s.context);
          const attempt = outcomeOf(s.executor.submit(functionTask('delayed', [20_000, 'late'])));
          await new Promise((r) => setTimeout(r, 300));
          await s.executor.shutdown({ abort: true });
          const outcome = await settleWithin(attempt, 3000);
          expect([outcome, s.executor.outstanding()]).toEqual([{ rejected: expect.any(Error) }, 0]);
        },
      );

      contractIt(
        'abortBash',
        'with abort, rejects an outstanding bash attempt at once and counts it no more',
        async () => {
          await s.executor.start(s.context);
          const attempt = outcomeOf(s.executor.submit(bashTask(B.long.command)));
          await new Promise((r) => setTimeout(r, 300));
          await s.executor.shutdown({ abort: true });
          const outcome = await settleWithin(attempt, 3000);
          expect([outcome, s.executor.outstanding()]).toEqual([{ rejected: expect.any(Error) }, 0]);
        },
      );

      const abortTitle =
        'on abort (killSync when offered, then shutdown), leaves no bash process alive and rejects its attempt';
      if (options.spawnsBashProcesses === false) {
        it.skip(`${abortTitle} [skipped: bash apps answered from a script, no process]`);
      } else {
        contractIt('abortLeavesNoProcess', abortTitle, async () => {
          await s.executor.start(s.context);
          const pidFile = join(s.dir, 'bash.pid');
          const attempt = outcomeOf(
            s.executor.submit(bashTask(`echo $$ > ${pidFile}; exec sleep 30`)),
          );
          const pid = await readPid(pidFile, 10_000);
          s.executor.killSync?.();
          await s.executor.shutdown({ abort: true });
          const outcome = await settleWithin(attempt, 3000);
          const processGone = await gone(pid, 3000);
          if (!processGone) process.kill(pid, 'SIGKILL'); // the suite itself leaves nothing behind
          expect([outcome, processGone]).toEqual([{ rejected: expect.any(Error) }, true]);
        });
      }
    });
  });
};
