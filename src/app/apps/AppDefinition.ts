import type { ShippedFunction } from '../../ports/Executor.js';

/** Options shared by every kind of app. Parsl: the python_app / bash_app decorator arguments. */
export interface AppOptions {
  /** 'all' (a random configured executor per call) or the labels this app may run on. @default 'all' */
  readonly executors?: 'all' | readonly string[];
  /** Memoize results (see docs/memoization.md). @default false */
  readonly cache?: boolean;
  /** Seconds before a call fails with AppTimeout. @default no limit */
  readonly walltime?: number;
  /** Positional indices or special-argument names left out of the memo key. @default [] */
  readonly ignoreForCache?: readonly (
    | number
    | 'inputs'
    | 'outputs'
    | 'stdout'
    | 'stderr'
    | 'label'
    | 'walltime'
  )[];
  /** The app's name in logs and monitoring. @default the function's name */
  readonly name?: string;
  /**
   * Ship the function to worker threads/processes by reference: the URL of the module that exports
   * it (pass `import.meta.url`). Without it the function is shipped by value (its source text) and
   * must be self-contained. See docs/function-shipping.md.
   */
  readonly module?: string;
  /** The export name when shipping by reference. @default the function's name */
  readonly exportName?: string;
  /** The kernel to submit to; by default the one loaded with `load()`. Parsl: data_flow_kernel */
  readonly kernel?: AppKernel;
}

/** The three kinds of app. */
export type AppKind = 'python' | 'bash' | 'join';

/** Everything the kernel needs to run an app's calls. */
export interface AppDefinition {
  readonly kind: AppKind;
  readonly name: string;
  // biome-ignore lint/suspicious/noExplicitAny: an app's function takes any arguments
  readonly fn: (...args: any[]) => unknown;
  readonly ship: ShippedFunction;
  readonly executors: 'all' | readonly string[];
  readonly cache: boolean;
  readonly walltime: number | undefined;
  readonly ignoreForCache: readonly (number | string)[];
}

/** The part of the kernel an app calls. */
export interface AppKernel {
  submit(app: AppDefinition, args: readonly unknown[]): unknown;
}
