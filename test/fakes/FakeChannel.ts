import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  ChannelError,
  ChannelTimeout,
  FileCopyException,
} from '../../src/domain/errors/ChannelErrors.js';
import type { Channel, CommandResult, ExecuteOptions } from '../../src/ports/Channel.js';

/** A scripted answer: a fixed result, optionally slow, or a function of the call. */
export type FakeCommandAnswer =
  | (Partial<CommandResult> & { readonly delayMs?: number })
  | ((
      command: string,
      options: ExecuteOptions,
    ) => Partial<CommandResult> & { readonly delayMs?: number });

interface Script {
  readonly match: string | RegExp;
  readonly answer: FakeCommandAnswer;
}

/**
 * A Channel whose host lives in memory: scripted command answers (first match wins) and an
 * in-memory file tree for push/pull/makedirs/isdir. Every call is recorded; anything unscripted
 * throws loudly.
 */
export class FakeChannel implements Channel {
  public readonly executed: { command: string; options: ExecuteOptions }[] = [];
  public readonly pushed: { localPath: string; remoteDir: string }[] = [];
  public readonly pulled: { remotePath: string; localDir: string }[] = [];
  /** Remote files: path → content and mode. */
  public readonly files = new Map<string, { content: Buffer; mode: number }>();
  public readonly dirs = new Set<string>(['/']);
  public closed = false;
  private readonly scripts: Script[] = [];

  public constructor(
    public readonly hostname = 'fake-host',
    public readonly scriptDir = '/fake/scripts',
  ) {
    this.addDirs(scriptDir);
  }

  /** Scripts the answer to commands equal to (string) or matching (RegExp) `match`. */
  public whenExecute(match: string | RegExp, answer: FakeCommandAnswer): this {
    this.scripts.push({ match, answer });
    return this;
  }

  public async executeWait(command: string, options: ExecuteOptions = {}): Promise<CommandResult> {
    this.executed.push({ command, options });
    const script = this.scripts.find((s) =>
      typeof s.match === 'string' ? s.match === command : s.match.test(command),
    );
    if (script === undefined) throw new Error(`FakeChannel.executeWait: not scripted: ${command}`);
    const answer =
      typeof script.answer === 'function' ? script.answer(command, options) : script.answer;
    const delayMs = answer.delayMs ?? 0;
    if (options.timeoutMs !== undefined && delayMs > options.timeoutMs) {
      await sleep(options.timeoutMs);
      throw new ChannelTimeout(this.hostname, command, options.timeoutMs);
    }
    if (delayMs > 0) await sleep(delayMs);
    return {
      exitCode: answer.exitCode ?? 0,
      stdout: answer.stdout ?? '',
      stderr: answer.stderr ?? '',
    };
  }

  public async pushFile(localPath: string, remoteDir: string): Promise<string> {
    this.pushed.push({ localPath, remoteDir });
    try {
      const [content, info] = [await readFile(localPath), await stat(localPath)];
      const target = `${remoteDir}/${basename(localPath)}`;
      this.files.set(target, { content, mode: info.mode & 0o7777 });
      return target;
    } catch (error: unknown) {
      throw new FileCopyException(
        this.hostname,
        `FakeChannel.pushFile: ${localPath}: ${String(error)}`,
        {
          cause: error,
        },
      );
    }
  }

  public async pullFile(remotePath: string, localDir: string): Promise<string> {
    this.pulled.push({ remotePath, localDir });
    const file = this.files.get(remotePath);
    if (file === undefined) {
      throw new FileCopyException(
        this.hostname,
        `FakeChannel.pullFile: ${remotePath} does not exist`,
      );
    }
    const target = join(localDir, basename(remotePath));
    await writeFile(target, file.content);
    await chmod(target, file.mode);
    return target;
  }

  public async makedirs(
    path: string,
    options: { readonly mode?: number; readonly existOk?: boolean } = {},
  ): Promise<void> {
    if (this.dirs.has(path) && options.existOk !== true) {
      throw new ChannelError(this.hostname, `FakeChannel.makedirs: ${path} already exists`);
    }
    this.addDirs(path);
  }

  public async isdir(path: string): Promise<boolean> {
    return this.dirs.has(path);
  }

  public async close(): Promise<void> {
    this.closed = true;
  }

  private addDirs(path: string): void {
    const parts = path.split('/').filter((p) => p !== '');
    for (let i = 1; i <= parts.length; i += 1) this.dirs.add(`/${parts.slice(0, i).join('/')}`);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
