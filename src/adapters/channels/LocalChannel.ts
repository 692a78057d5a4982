import { spawn } from 'node:child_process';
import { chmod, copyFile, mkdir, stat } from 'node:fs/promises';
import { constants } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import {
  ChannelError,
  ChannelExecFailed,
  ChannelTimeout,
  FileCopyException,
} from '../../domain/errors/ChannelErrors.js';
import type { Channel, CommandResult, ExecuteOptions } from '../../ports/Channel.js';

/** Options of {@link LocalChannel}. */
export interface LocalChannelOptions {
  /** Directory for submit scripts and block output; the config default is `<runDir>/submit_scripts`. */
  readonly scriptDir: string;
  /** Environment variables added to every command (over this process's environment). @default {} */
  readonly envs?: Readonly<Record<string, string>>;
  /** Working directory of commands run without `cwd`. @default process.cwd() */
  readonly userhome?: string;
}

const HOST = 'localhost';
/** After SIGTERM to a timed-out command's group, wait this long before SIGKILL. */
const KILL_GRACE_MS = 500;

const describeError = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * Runs commands on this machine with `bash -c`, each in its own process group so a timeout kills
 * the command and everything it started. Files are copied with their mode.
 * Parsl: parsl.channels.LocalChannel
 */
export class LocalChannel implements Channel {
  public readonly hostname = HOST;
  public readonly scriptDir: string;
  private readonly envs: Readonly<Record<string, string>>;
  private readonly userhome: string;

  public constructor(options: LocalChannelOptions) {
    this.scriptDir = resolve(options.scriptDir);
    this.envs = options.envs ?? {};
    this.userhome = resolve(options.userhome ?? process.cwd());
  }

  public executeWait(command: string, options: ExecuteOptions = {}): Promise<CommandResult> {
    return new Promise<CommandResult>((resolvePromise, reject) => {
      const child = spawn('bash', ['-c', command], {
        cwd: options.cwd ?? this.userhome,
        env: { ...process.env, ...this.envs, ...options.env },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let failure: Error | undefined;
      const killGroup = (signal: NodeJS.Signals): void => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, signal);
        } catch {
          // the group is already gone
        }
      };
      const stop = (error: Error): void => {
        if (failure !== undefined) return;
        failure = error;
        killGroup('SIGTERM');
        setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS).unref();
      };
      const timer =
        options.timeoutMs === undefined
          ? undefined
          : setTimeout(
              () => stop(new ChannelTimeout(HOST, command, options.timeoutMs ?? 0)),
              options.timeoutMs,
            );
      const onAbort = (): void =>
        stop(new ChannelExecFailed(HOST, `LocalChannel.executeWait: aborted: ${command}`));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (options.signal?.aborted === true) onAbort();
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      const finish = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      child.on('error', (error: Error) => {
        finish();
        reject(
          new ChannelExecFailed(
            HOST,
            `LocalChannel.executeWait: cannot start bash (cwd=${options.cwd ?? this.userhome}): ${error.message}`,
            { cause: error },
          ),
        );
      });
      child.on('close', (code: number | null, signal: NodeJS.Signals | null) => {
        finish();
        if (failure !== undefined) {
          reject(failure);
          return;
        }
        resolvePromise({
          exitCode: code ?? 128 + signalNumber(signal),
          stdout: Buffer.concat(stdout).toString('utf8'),
          stderr: Buffer.concat(stderr).toString('utf8'),
        });
      });
    });
  }

  public async pushFile(localPath: string, remoteDir: string): Promise<string> {
    return this.copyInto('pushFile', localPath, remoteDir);
  }

  public async pullFile(remotePath: string, localDir: string): Promise<string> {
    return this.copyInto('pullFile', remotePath, localDir);
  }

  public async makedirs(
    path: string,
    options: { readonly mode?: number; readonly existOk?: boolean } = {},
  ): Promise<void> {
    if (options.existOk !== true && (await this.exists(path))) {
      throw new ChannelError(
        HOST,
        `LocalChannel.makedirs: ${path} already exists. Pass existOk: true to accept an existing directory.`,
      );
    }
    try {
      await mkdir(path, { recursive: true, mode: options.mode ?? 0o777 });
    } catch (error: unknown) {
      throw new ChannelError(
        HOST,
        `LocalChannel.makedirs: cannot create ${path}: ${describeError(error)}`,
        {
          cause: error,
        },
      );
    }
  }

  public async isdir(path: string): Promise<boolean> {
    try {
      return (await stat(path)).isDirectory();
    } catch {
      return false;
    }
  }

  public async close(): Promise<void> {
    // Nothing to release: every command is its own process.
  }

  private async exists(path: string): Promise<boolean> {
    try {
      await stat(path);
      return true;
    } catch {
      return false;
    }
  }

  /** Parsl: no copy when the file is already in the target directory. */
  private async copyInto(operation: string, source: string, targetDir: string): Promise<string> {
    const from = resolve(source);
    const to = join(resolve(targetDir), basename(from));
    if (dirname(from) === resolve(targetDir)) return from;
    try {
      const { mode } = await stat(from);
      await copyFile(from, to);
      await chmod(to, mode & 0o7777);
      return to;
    } catch (error: unknown) {
      throw new FileCopyException(
        HOST,
        `LocalChannel.${operation}: ${from} -> ${to}: ${describeError(error)}`,
        { cause: error },
      );
    }
  }
}

/** A shell reports death by signal N as exit code 128 + N. */
const signalNumber = (signal: NodeJS.Signals | null): number =>
  signal === null ? 0 : constants.signals[signal];
