import type { Logger } from './Logger.js';

/** A function sent by reference: a worker imports `moduleUrl` and takes `exportName`. */
export interface ModuleFunctionRef {
  readonly kind: 'module';
  readonly moduleUrl: string;
  readonly exportName: string;
}

/** A self-contained function sent by value: its source text, compiled again in the worker. */
export interface SourceFunctionRef {
  readonly kind: 'source';
  readonly source: string;
}

/** How a worker in another thread or process finds an app's function. */
export type ShippedFunction = ModuleFunctionRef | SourceFunctionRef;

/** Run a function app: in-process executors call `fn`; others ship `ship`. */
export interface FunctionPayload {
  readonly kind: 'function';
  // biome-ignore lint/suspicious/noExplicitAny: an app's function takes any arguments
  readonly fn: (...args: any[]) => unknown;
  readonly ship: ShippedFunction;
  /** Resolved positional arguments; Files stay Files. */
  readonly args: readonly unknown[];
}

/** Where a bash app's stream goes and whether the file is truncated ('w') or appended to ('a'). */
export interface StdStreamTarget {
  readonly path: string;
  readonly mode: 'w' | 'a';
}

/** Run a bash command line (already built by the kernel) under `bash -c`. */
export interface BashPayload {
  readonly kind: 'bash';
  readonly command: string;
  readonly stdout?: StdStreamTarget;
  readonly stderr?: StdStreamTarget;
  /** Paths that must exist afterwards, or the task fails with MissingOutputs. */
  readonly outputs: readonly string[];
}

/** One attempt of a task, as an executor sees it. */
export interface ExecutorTask {
  readonly id: number;
  readonly tryId: number;
  readonly appName: string;
  /** Stop the attempt with AppTimeout after this long. */
  readonly walltimeSeconds?: number;
  readonly payload: FunctionPayload | BashPayload;
}

/** What the kernel gives an executor when it starts. */
export interface ExecutorContext {
  /** This run's directory (`runinfo/NNN`); executors put their own files below it. */
  readonly runDir: string;
  readonly logger: Logger;
  /**
   * Optional: executors that start a process for a task (bash apps) report its pid here, so
   * monitoring can sample its resource usage; they call the returned function when it ends.
   */
  readonly watchProcess?: (taskId: number, tryId: number, pid: number) => () => void;
  /**
   * Where worker processes send resource samples of their tasks, when monitoring is on. Executors
   * whose workers run in other processes (HTEX pools) sample them and send signed UDP reports there.
   */
  readonly workerMonitoring?: WorkerMonitoringTarget;
}

/** The monitoring hub's worker radio, as workers need it. */
export interface WorkerMonitoringTarget {
  /** `udp://host:port` of the hub's radio. */
  readonly url: string;
  /** The run's shared secret that signs reports. */
  readonly key: string;
  /** Seconds between resource samples of a running task (`resourceMonitoringInterval`). */
  readonly intervalSeconds: number;
}

/**
 * Runs task attempts. `submit` resolves with the app's result or rejects with its error (an
 * AppException, RemoteException, WorkerLost, …); retries are the kernel's business.
 * Lifecycle: the kernel calls `start` once before the first submit and `shutdown` at cleanup
 * (only for managed executors).
 * Parsl: parsl.executors.base.ParslExecutor
 */
export interface Executor {
  /** Unique among the kernel's executors. */
  readonly label: string;
  /** False for executors the user starts and stops. @default true */
  readonly managed: boolean;
  /** True when the executor runs blocks from a provider that a scaling strategy may drive. */
  readonly scalingEnabled: boolean;
  /** @throws {ExecutorError} when spin-up fails */
  start(context: ExecutorContext): Promise<void>;
  /**
   * Runs one attempt.
   * @throws {SerializationError | UnshippableFunctionError | AppException | ExecutorError}
   */
  submit(task: ExecutorTask): Promise<unknown>;
  /** Attempts submitted and not yet returned. */
  outstanding(): number;
  /**
   * Stops workers; with `abort`, outstanding attempts are rejected at once. (The in-process
   * executor cannot interrupt a function running on the kernel's own thread: it kills its bash
   * processes and leaves such an attempt to settle; the kernel fails its task with
   * KernelClosedError regardless.)
   */
  shutdown(options?: { readonly abort?: boolean }): Promise<void>;
  /**
   * Optional: kills this executor's child processes synchronously. Called from `process.on('exit')`
   * and first thing on an abort, so no process outlives the kernel.
   */
  killSync?(): void;
}
