import type { Logger } from '../../ports/Logger.js';

/** Discards everything: `initializeLogging: false`. */
export class NullLogger implements Logger {
  public readonly debugEnabled = false;
  public debug(): void {}
  public info(): void {}
  public warn(): void {}
  public error(): void {}
  public flush(): void {}
  public close(): void {}
}
