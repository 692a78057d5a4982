/** The HTEX processes, for {@link spinWindowMs}. */
export type HtexRole = 'executor' | 'interchange' | 'pool' | 'worker';

let deadline = 0;
let spinning = false;

const tick = (): void => {
  if (performance.now() < deadline) setImmediate(tick);
  else spinning = false;
};

/**
 * Keeps this process's event loop polling for `ms` from now instead of sleeping in epoll: a
 * pending setImmediate makes libuv poll with timeout 0, so I/O callbacks still run at once, and
 * a reply expected within the window finds the process awake. Bounded: the loop goes back to
 * sleep when the window ends.
 */
export const keepLoopHot = (ms: number): void => {
  if (ms <= 0) return;
  deadline = Math.max(deadline, performance.now() + ms);
  if (spinning) return;
  spinning = true;
  setImmediate(tick);
};

/**
 * Defaults per role, in ms. The node side spins: a worker waits for its next task (a whole round
 * trip away), a pool for its worker's result and the next task. The submit side (executor,
 * interchange) does not: on a 2-core VM a third spinner costs more than it saves (measured).
 */
const DEFAULT_SPIN_MS: Record<HtexRole, number> = {
  executor: 0,
  interchange: 0,
  pool: 0.2,
  worker: 0.3,
};

/**
 * How long a process of `role` keeps its loop hot after a lone send; `PARSL_HTEX_SPIN_US`
 * overrides it (`pool=200,worker=300`, or one number for every role; 0 turns spinning off).
 */
export const spinWindowMs = (role: HtexRole, env: NodeJS.ProcessEnv = process.env): number => {
  const text = env['PARSL_HTEX_SPIN_US'];
  if (text === undefined || text.trim() === '') return DEFAULT_SPIN_MS[role];
  if (/^\d+$/.test(text.trim())) return Number(text) / 1000;
  for (const part of text.split(',')) {
    const [name, value] = part.split('=');
    if (name?.trim() === role && value !== undefined && /^\d+$/.test(value.trim()))
      return Number(value) / 1000;
  }
  return DEFAULT_SPIN_MS[role];
};
