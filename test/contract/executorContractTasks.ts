import { readFile } from 'node:fs/promises';
import type { BashPayload, ExecutorTask, FunctionPayload } from '../../src/ports/Executor.js';

/* Attempts and probes of the Executor contract (executorContract.ts). */

/** Self-contained app functions, shipped by value and compiled here for in-process executors. */
const APPS = {
  multiply: '(a, b) => a * b',
  delayed: 'async (ms, value) => { await new Promise((r) => setTimeout(r, ms)); return value; }',
  shape: '(n) => ({ n, list: [n, n + 1], nested: { label: "n" + n, none: null } })',
  identity: '(value) => value',
  rangeError: '(message) => { throw new RangeError(message); }',
  ownError:
    '(limit) => { class QuotaError extends Error { constructor(m) { super(m); this.name = "QuotaError"; this.limit = limit; } } throw new QuotaError("over quota"); }',
} as const;

let nextId = 1;

/** A function-app attempt whose `fn` and shipped source are the same text. */
export const functionTask = (
  app: keyof typeof APPS,
  args: unknown[],
  extra: Partial<Pick<ExecutorTask, 'id' | 'tryId' | 'walltimeSeconds'>> = {},
): ExecutorTask => {
  const source = APPS[app];
  const payload: FunctionPayload = {
    kind: 'function',
    fn: new Function(`return (${source});`)() as FunctionPayload['fn'],
    ship: { kind: 'source', source },
    args,
  };
  return { id: nextId++, tryId: 0, appName: app, payload, ...extra };
};

export const bashTask = (
  command: string,
  extra: Partial<Omit<BashPayload, 'kind' | 'command'>> & { walltimeSeconds?: number } = {},
): ExecutorTask => {
  const { walltimeSeconds, ...streams } = extra;
  return {
    id: nextId++,
    tryId: 0,
    appName: 'bash_app',
    ...(walltimeSeconds === undefined ? {} : { walltimeSeconds }),
    payload: { kind: 'bash', command, outputs: [], ...streams },
  };
};

export type Outcome = { rejected: unknown } | { resolved: unknown };

/** The attempt's outcome as a value, so a rejection is handled from the moment of submit. */
export const outcomeOf = (attempt: Promise<unknown>): Promise<Outcome> =>
  attempt.then(
    (resolved) => ({ resolved }),
    (rejected: unknown) => ({ rejected }),
  );

/** How an attempt settles within `ms`, or 'pending'. */
export const settleWithin = async (
  outcome: Promise<Outcome>,
  ms: number,
): Promise<Outcome | 'pending'> => {
  let timer: NodeJS.Timeout | undefined;
  const pending = new Promise<'pending'>((done) => {
    timer = setTimeout(() => done('pending'), ms);
  });
  return Promise.race([outcome, pending]).finally(() => clearTimeout(timer));
};

/** The pid a bash command wrote to `path`, once it is there. */
export const readPid = async (path: string, timeoutMs: number): Promise<number> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(path, 'utf8').catch(() => '');
    if (text.endsWith('\n')) return Number(text.trim());
    if (Date.now() > deadline) throw new Error(`no pid in ${path} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** True once no process has `pid` (polled for up to `timeoutMs`). */
export const gone = async (pid: number, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** The rejection of an attempt, or a marker object when it resolved instead. */
export const failureOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    (value) => ({ unexpectedlyResolved: value }),
    (error: unknown) => error,
  );
