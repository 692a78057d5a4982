import type { File } from '../staging/File.js';

/** Where a bash app's stream goes: a path, a path with a mode ('w' truncates, 'a' appends), or AUTO_LOGNAME. */
export type StdStream = string | readonly [path: string, mode: 'w' | 'a'] | typeof AUTO_LOGNAME;

/** Ask the kernel to name a stream file after the task: `<runDir>/task_logs/<id>[_<label>].stdout`. Parsl: parsl.AUTO_LOGNAME */
export const AUTO_LOGNAME = 'parsl-ts:AUTO_LOGNAME' as const;

/**
 * Parsl's special keyword arguments, as an app receives them once resolved: `inputs` hold values
 * (Files stay Files), `outputs` are Files, `stdout`/`stderr` are resolved paths.
 */
export class Special<TInput = unknown> {
  public constructor(
    public readonly inputs: readonly TInput[] = [],
    public readonly outputs: readonly File[] = [],
    public readonly stdout?: string,
    public readonly stderr?: string,
    public readonly label?: string,
    public readonly walltime?: number,
  ) {}
}
