/**
 * Moves files between where they rest (a URL) and where an app runs (a path on the worker).
 *
 * For each File in a task's `inputs` (and each DataFuture), the data manager asks the executor's
 * staging providers in order (`storageAccess`, first match wins) whether they `canStageIn(file)`.
 * The first that says yes is called, each time with a fresh copy of the File (`file.cleancopy()`)
 * that it may annotate with `localPath`, in two ways that may be combined:
 * - a separate staging task: `stageIn` starts the transfer on the submit side and returns a Promise;
 *   the app does not start until it settles (suits executors that share a filesystem with the
 *   submit side);
 * - in-task staging: `replaceTask` returns {@link InTaskStagingStep}s that run inside the task, on
 *   the worker, just before the app (`replaceTaskStageOut`: just after it). Steps are data (a
 *   module the worker imports, an export name and JSON arguments), never closures, because a task
 *   may run in another thread, process or host.
 * Outputs (`special.outputs`) follow the same pattern with `canStageOut`, `stageOut` and
 * `replaceTaskStageOut`; `stageOut` is called before the task runs and must wait for `app`.
 * A provider that cannot do something leaves the optional method out (Parsl's base class default:
 * no staging work).
 *
 * Lifecycle: built from config by the composition root (or by the user and bound as an ordered
 * multi-binding on TOKENS.StagingProvider); the kernel calls `close()` at cleanup.
 * Parsl: parsl.data_provider.staging.Staging
 */
import type { File } from '../domain/staging/File.js';

/** Where a staging call happens: for which executor, and where staged copies go. */
export interface StagingContext {
  /** Label of the executor the task is submitted to. */
  readonly executor: string;
  /**
   * The executor's `workingDir`: staged copies are placed there on the worker. Undefined means the
   * worker's current directory (the file's bare name). Parsl: executor.working_dir
   */
  readonly workingDir: string | undefined;
}

/** A JSON value: what an in-task step may carry to the worker. */
export type StagingJson =
  | string
  | number
  | boolean
  | null
  | readonly StagingJson[]
  | { readonly [key: string]: StagingJson };

/**
 * Work that runs inside the task, on the worker: `(await import(moduleUrl))[exportName](args)`,
 * awaited before the app (stage-in) or after it succeeded (stage-out). A step that throws fails
 * the task attempt.
 */
export interface InTaskStagingStep {
  /** URL of an ES module the worker can import (usually the step module's `import.meta.url`). */
  readonly moduleUrl: string;
  /** Name of the exported `(args) => Promise<void>` function. */
  readonly exportName: string;
  /** JSON arguments: URL, destination path, options. Never secrets that the worker cannot hold. */
  readonly args: { readonly [key: string]: StagingJson };
  /** For logs and error messages, e.g. `GET https://h/a.txt -> /work/a.txt`. */
  readonly description: string;
}

/**
 * A staging provider. Only `name`, `canStageIn` and `canStageOut` are required.
 * Parsl: parsl.data_provider.staging.Staging
 */
export interface StagingProvider {
  /** Shown in logs and in "no provider can stage …" errors, e.g. `HttpSeparateTaskStaging`. */
  readonly name: string;
  /** True when this provider stages `file` in (usually decided by `file.scheme`). */
  canStageIn(file: File): boolean;
  /** Like {@link canStageIn}, for stage-out. */
  canStageOut(file: File): boolean;
  /**
   * Prepares stage-in of a fresh copy of the File: sets `file.localPath` synchronously, and may
   * start a separate staging task. Returns a Promise that resolves once the file is in place (the
   * app waits for it), or undefined when nothing needs waiting for. `parent` is the producer of the
   * file (a DataFuture from an earlier task): a transfer must not start before it resolves.
   * @throws {StagingError} (through the returned Promise) when the transfer fails
   */
  stageIn?(
    file: File,
    context: StagingContext,
    parent?: Promise<unknown>,
  ): Promise<void> | undefined;
  /**
   * Prepares stage-out of a fresh copy of an output File, before the task runs: sets
   * `file.localPath` and may start work that waits for `app` (the task itself) and then moves the
   * file. Returns a Promise that resolves when the stage-out is done (the output's DataFuture then
   * completes), or undefined when there is nothing to wait for.
   * @throws {StagingError} (through the returned Promise) when the transfer fails
   */
  stageOut?(file: File, context: StagingContext, app: Promise<unknown>): Promise<void> | undefined;
  /**
   * In-task stage-in: steps to run on the worker before the app, or undefined for none.
   * Called after {@link stageIn} with the same File copy.
   */
  replaceTask?(file: File, context: StagingContext): readonly InTaskStagingStep[] | undefined;
  /** In-task stage-out: steps to run on the worker after the app succeeded, or undefined. */
  replaceTaskStageOut?(
    file: File,
    context: StagingContext,
  ): readonly InTaskStagingStep[] | undefined;
  /** Releases connections and pools. Idempotent. */
  close?(): Promise<void>;
}
