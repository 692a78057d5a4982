import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger, LogLevel } from '../../ports/Logger.js';

/** Options of {@link FileLogger}. */
export interface FileLoggerOptions {
  /** The log file, e.g. `runinfo/000/parsl.log`. */
  readonly path: string;
  /** Lowest level kept. @default 'debug' */
  readonly level?: LogLevel;
  /** Flush when this many bytes are buffered. @default 65536 */
  readonly bufferBytes?: number;
  /** Flush at least this often, in ms. @default 200 */
  readonly flushIntervalMs?: number;
}

const RANK: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Writes `<ISO time> <LEVEL> <message>` lines to a file. Lines are buffered and written in batches
 * (on size, on a short unref'd timer, on flush and close) so logging stays off the hot path; a
 * crash loses at most the last flush interval. Parsl: parsl.set_file_logger
 */
export class FileLogger implements Logger {
  public readonly debugEnabled: boolean;
  private readonly threshold: number;
  private readonly fd: number;
  private buffer: string[] = [];
  private bytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private stampedAt = 0;
  private stamp = '';

  public constructor(private readonly options: FileLoggerOptions) {
    this.threshold = RANK[options.level ?? 'debug'];
    this.debugEnabled = this.threshold <= RANK.debug;
    mkdirSync(dirname(options.path), { recursive: true });
    this.fd = openSync(options.path, 'a');
  }

  public debug(message: string): void {
    if (this.debugEnabled) this.write('DEBUG', message);
  }

  public info(message: string): void {
    if (this.threshold <= RANK.info) this.write('INFO', message);
  }

  public warn(message: string): void {
    if (this.threshold <= RANK.warn) this.write('WARNING', message);
  }

  public error(message: string): void {
    this.write('ERROR', message);
  }

  public flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.buffer.length === 0 || this.closed) return;
    const text = this.buffer.join('');
    this.buffer = [];
    this.bytes = 0;
    writeSync(this.fd, text);
  }

  public close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    closeSync(this.fd);
  }

  private write(level: string, message: string): void {
    if (this.closed) return;
    const now = Date.now();
    if (now !== this.stampedAt) {
      this.stampedAt = now;
      this.stamp = new Date(now).toISOString();
    }
    const line = `${this.stamp} ${level} ${message}\n`;
    this.buffer.push(line);
    this.bytes += line.length;
    if (this.bytes >= (this.options.bufferBytes ?? 65536)) this.flush();
    else if (this.timer === undefined) {
      this.timer = setTimeout(() => this.flush(), this.options.flushIntervalMs ?? 200);
      this.timer.unref();
    }
  }
}
