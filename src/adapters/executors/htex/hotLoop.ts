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
 * interchange) does not: on a 2-core VM a third spinner costs more than it saves (measured: p50
 * 0.5 -> 0.95 ms). Windows of 0.6 / 1 ms beat 0.2 / 0.3 ms (p50 0.32 vs 0.53-0.69 ms), longer
 * ones gain little. At most ~1.6 ms of node CPU per lone task; none while idle.
 */
const DEFAULT_SPIN_MS: Record<HtexRole, number> = {
  executor: 0,
  interchange: 0,
  pool: 0.6,
  worker: 1,
};

const ROLES: readonly HtexRole[] = ['executor', 'interchange', 'pool', 'worker'];
const MICROSECONDS = /^\d+$/;

/** A `PARSL_HTEX_SPIN_US` value read: one window for every role, per-role windows, and the parts it could not read. */
interface SpinSetting {
  readonly allUs?: number;
  readonly perRoleUs: ReadonlyMap<HtexRole, number>;
  readonly unreadable: readonly string[];
}

const parseSpinSetting = (text: string | undefined): SpinSetting => {
  const perRoleUs = new Map<HtexRole, number>();
  const unreadable: string[] = [];
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return { perRoleUs, unreadable };
  if (MICROSECONDS.test(trimmed)) return { allUs: Number(trimmed), perRoleUs, unreadable };
  for (const part of trimmed.split(',')) {
    const [name, value, extra] = part.split('=').map((p) => p.trim());
    const role = ROLES.find((r) => r === name);
    if (
      role !== undefined &&
      value !== undefined &&
      extra === undefined &&
      MICROSECONDS.test(value)
    )
      perRoleUs.set(role, Number(value));
    else unreadable.push(part.trim());
  }
  return { perRoleUs, unreadable };
};

/**
 * How long a process of `role` keeps its loop hot after a lone send; `PARSL_HTEX_SPIN_US`
 * overrides it (`pool=600,worker=1000`, or one number for every role; 0 turns spinning off).
 * Parts it cannot read are ignored here (the executor refuses them at start: spinSettingProblem).
 */
export const spinWindowMs = (role: HtexRole, env: NodeJS.ProcessEnv = process.env): number => {
  const setting = parseSpinSetting(env['PARSL_HTEX_SPIN_US']);
  const us = setting.allUs ?? setting.perRoleUs.get(role);
  return us === undefined ? DEFAULT_SPIN_MS[role] : us / 1000;
};

/**
 * What is wrong with a `PARSL_HTEX_SPIN_US` value (a message naming the fix), or undefined when
 * it is unset or well formed. The executor checks this at start so a typo is an error, not a
 * silent default.
 */
export const spinSettingProblem = (text: string | undefined): string | undefined => {
  const bad = parseSpinSetting(text).unreadable;
  return bad.length === 0
    ? undefined
    : `PARSL_HTEX_SPIN_US=${JSON.stringify(text)}: cannot read ${bad.map((b) => JSON.stringify(b)).join(', ')}; give microseconds for every role ("600") or per role ("pool=600,worker=1000"; roles: ${ROLES.join(', ')}; 0 turns spinning off)`;
};
