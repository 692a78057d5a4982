import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** A line logger for the interchange and pool processes (they have no kernel Logger). */
export interface HtexLog {
  readonly debugEnabled: boolean;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Logs `<ISO time> <level> <component>: <message>` lines to `path` (created with its folder) or to
 * stderr when `path` is undefined. Debug lines are dropped unless `debug` is set.
 */
export const openHtexLog = (
  component: string,
  path: string | undefined,
  debug: boolean,
): HtexLog => {
  if (path !== undefined) mkdirSync(dirname(path), { recursive: true });
  const write = (level: string, message: string): void => {
    const line = `${new Date().toISOString()} ${level} ${component}[${process.pid}]: ${message}\n`;
    try {
      if (path === undefined) process.stderr.write(line);
      else appendFileSync(path, line);
    } catch {
      // logging must never take the process down
    }
  };
  return {
    debugEnabled: debug,
    debug: (message) => {
      if (debug) write('DEBUG', message);
    },
    info: (message) => write('INFO', message),
    warn: (message) => write('WARN', message),
    error: (message) => write('ERROR', message),
  };
};
