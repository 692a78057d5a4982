import type { FailedDependency } from '../../domain/errors/DependencyError.js';
import { File } from '../../domain/staging/File.js';
import { AUTO_LOGNAME, Special, type StdStream } from '../../domain/task/Special.js';
import type { StdStreamTarget } from '../../ports/Executor.js';
import { Future } from '../futures/Future.js';
import { describeDependency } from './collectDependencies.js';
import type { TaskRecord } from './TaskRecord.js';

/** A task ready to launch, or the dependencies that failed. */
export type ResolvedArguments =
  | {
      readonly kind: 'ready';
      readonly args: unknown[];
      readonly special: Special | undefined;
      readonly stdout: StdStreamTarget | undefined;
      readonly stderr: StdStreamTarget | undefined;
      readonly walltime: number | undefined;
    }
  | { readonly kind: 'depFail'; readonly failed: FailedDependency[] };

/**
 * Replaces every future by its value once all are done, builds the `Special` the app receives
 * (inputs resolved, outputs as Files, stream paths resolved), or reports the failed dependencies.
 */
export const resolveArguments = (record: TaskRecord, runDir: string): ResolvedArguments => {
  const failed: FailedDependency[] = [];
  const unwrap = (value: unknown): unknown => {
    if (!(value instanceof Future)) return value;
    if (value.failed()) {
      failed.push({ error: value.peekError(), ...describeDependency(value) });
      return undefined;
    }
    return value.peekValue();
  };
  const args = record.args.map(unwrap);
  const input = record.specialArgs;
  if (input === undefined) {
    if (failed.length > 0) return { kind: 'depFail', failed };
    return {
      kind: 'ready',
      args,
      special: undefined,
      stdout: undefined,
      stderr: undefined,
      walltime: record.app.walltime,
    };
  }
  const inputs = (input.inputs ?? []).map(unwrap);
  const stdout = streamTarget(
    unwrap(input.stdout) as StdStream | undefined,
    'stdout',
    record,
    runDir,
  );
  const stderr = streamTarget(
    unwrap(input.stderr) as StdStream | undefined,
    'stderr',
    record,
    runDir,
  );
  const walltime = (unwrap(input.walltime) as number | undefined) ?? record.app.walltime;
  if (failed.length > 0) return { kind: 'depFail', failed };
  const outputs = record.future.outputs.map((output) => output.file);
  const special = new Special(inputs, outputs, stdout?.path, stderr?.path, input.label, walltime);
  args.push(special);
  return { kind: 'ready', args, special, stdout, stderr, walltime };
};

/** Turns a stream spec into a path and mode; AUTO_LOGNAME names it after the task. */
export const streamTarget = (
  spec: StdStream | undefined,
  stream: 'stdout' | 'stderr',
  record: Pick<TaskRecord, 'id' | 'app' | 'specialArgs'>,
  runDir: string,
): StdStreamTarget | undefined => {
  if (spec === undefined || spec === null) return undefined;
  if (spec === AUTO_LOGNAME) return { path: autoLogName(record, stream, runDir), mode: 'w' };
  if (typeof spec === 'string') return { path: spec, mode: 'w' };
  if (Array.isArray(spec) && typeof spec[0] === 'string' && (spec[1] === 'w' || spec[1] === 'a')) {
    return { path: spec[0], mode: spec[1] };
  }
  if (File.isFile(spec)) return { path: (spec as File).filepath, mode: 'w' };
  throw new TypeError(
    `app ${record.app.name} task ${record.id}: ${stream} must be a path, [path, 'w' | 'a'] or AUTO_LOGNAME, got ${JSON.stringify(spec)}`,
  );
};

const autoLogName = (
  record: Pick<TaskRecord, 'id' | 'app' | 'specialArgs'>,
  stream: 'stdout' | 'stderr',
  runDir: string,
): string => {
  const bucket = String(Math.floor(record.id / 10000)).padStart(4, '0');
  const label = record.specialArgs?.label === undefined ? '' : `_${record.specialArgs.label}`;
  return `${runDir}/task_logs/${bucket}/task_${String(record.id).padStart(4, '0')}_${record.app.name}${label}.${stream}`;
};
