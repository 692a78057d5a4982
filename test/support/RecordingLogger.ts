import type { Logger, LogLevel } from '../../src/ports/Logger.js';

/** A Logger that keeps every line, for assertions. */
export class RecordingLogger implements Logger {
  public readonly lines: { level: LogLevel; message: string }[] = [];
  public readonly debugEnabled = true;
  public debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
  public info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  public warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }
  public error(message: string): void {
    this.lines.push({ level: 'error', message });
  }
  public flush(): void {}
  public close(): void {}
  public messages(level: LogLevel): string[] {
    return this.lines.filter((l) => l.level === level).map((l) => l.message);
  }
}
