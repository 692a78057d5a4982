import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { dirname } from 'node:path';
import {
  AppFailure,
  AppTimeout,
  BadStdStreamFile,
  MissingOutputs,
} from '../../../domain/errors/TaskErrors.js';
import type { BashPayload, StdStreamTarget } from '../../../ports/Executor.js';

/** What BashRunner.run needs besides the payload. */
export interface BashRunOptions {
  readonly appName: string;
  readonly walltimeSeconds?: number;
  readonly cwd?: string;
  /** Called with the pid once the process starts; the function it returns is called at exit. */
  readonly onSpawn?: (pid: number) => () => void;
}

/**
 * Runs bash-app command lines: `bash -c <command>` in its own process group, stdout/stderr sent
 * straight to files (no piping through Node), walltime enforced by killing the whole group, and
 * declared outputs checked afterwards. Shared by every executor that runs bash apps locally.
 */
export class BashRunner {
  private readonly live = new Set<ChildProcess>();
  private readonly madeDirs = new Set<string>();

  /** Number of commands running now. */
  public get running(): number {
    return this.live.size;
  }

  /**
   * Runs the command; resolves with 0 on success.
   * @throws {AppFailure} non-zero exit; {@link AppTimeout}; {@link BadStdStreamFile}; {@link MissingOutputs}
   */
  public async run(payload: BashPayload, options: BashRunOptions): Promise<number> {
    for (const output of payload.outputs) this.ensureParent(output);
    const outFd = this.openStream(payload.stdout);
    let errFd: number | undefined;
    try {
      errFd =
        payload.stderr !== undefined &&
        payload.stdout !== undefined &&
        payload.stderr.path === payload.stdout.path
          ? outFd
          : this.openStream(payload.stderr);
    } catch (error: unknown) {
      if (outFd !== undefined) closeSync(outFd);
      throw error;
    }
    const exit = await this.spawnAndWait(payload.command, outFd, errFd, options);
    if (exit.timedOut) throw new AppTimeout(options.appName, options.walltimeSeconds ?? 0);
    if (exit.code !== 0) {
      throw new AppFailure(`bash app ${options.appName} failed: ${exit.description}`, exit.code);
    }
    const missing = payload.outputs.filter((path) => !exists(path));
    if (missing.length > 0) throw new MissingOutputs(options.appName, missing);
    return 0;
  }

  /** Kills every running command's process group at once (used at shutdown and on exit). */
  public killAll(): void {
    for (const child of this.live) killGroup(child);
  }

  private spawnAndWait(
    command: string,
    outFd: number | undefined,
    errFd: number | undefined,
    options: BashRunOptions,
  ): Promise<{ code: number; timedOut: boolean; description: string }> {
    return new Promise((resolve, reject) => {
      let child: ChildProcess;
      try {
        child = spawn('/bin/bash', ['-c', command], {
          stdio: ['ignore', outFd ?? 'ignore', errFd ?? 'ignore'],
          detached: true,
          ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
        });
      } finally {
        if (outFd !== undefined) closeSync(outFd);
        if (errFd !== undefined && errFd !== outFd) closeSync(errFd);
      }
      this.live.add(child);
      const unwatch = child.pid === undefined ? undefined : options.onSpawn?.(child.pid);
      let timedOut = false;
      const timer =
        options.walltimeSeconds === undefined
          ? undefined
          : setTimeout(() => {
              timedOut = true;
              killGroup(child);
            }, options.walltimeSeconds * 1000);
      child.once('error', (error) => {
        this.live.delete(child);
        unwatch?.();
        if (timer !== undefined) clearTimeout(timer);
        reject(
          new AppFailure(`bash app ${options.appName} could not start: ${error.message}`, 127),
        );
      });
      child.once('exit', (code, signal) => {
        this.live.delete(child);
        unwatch?.();
        if (timer !== undefined) clearTimeout(timer);
        if (signal !== null) {
          const signo = osConstants.signals[signal] ?? 0;
          resolve({ code: 128 + signo, timedOut, description: `killed by ${signal}` });
        } else {
          resolve({ code: code ?? 0, timedOut, description: `exit code ${code}` });
        }
      });
    });
  }

  private openStream(target: StdStreamTarget | undefined): number | undefined {
    if (target === undefined) return undefined;
    try {
      this.ensureParent(target.path);
      return openSync(target.path, target.mode);
    } catch (error: unknown) {
      throw new BadStdStreamFile(target.path, { cause: error });
    }
  }

  private ensureParent(path: string): void {
    const dir = dirname(path);
    if (this.madeDirs.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    this.madeDirs.add(dir);
  }
}

const exists = (path: string): boolean => {
  try {
    accessSync(path);
    return true;
  } catch {
    return false;
  }
};

const killGroup = (child: ChildProcess): void => {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
};
