/** Log levels, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Where parsl-ts writes what it does. The kernel's logger writes `runinfo/NNN/parsl.log`; the library
 * never writes to stdout except through a logger the user chose or an enabled progress display.
 * Lifecycle: created by the composition root; `close()` is called by the kernel at cleanup.
 * Parsl: the `parsl` logging.Logger
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** True when debug lines are kept; lets hot paths skip building them. */
  readonly debugEnabled: boolean;
  /** Writes out anything buffered. */
  flush(): void;
  close(): void;
}
