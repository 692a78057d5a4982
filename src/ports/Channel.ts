import { ChannelExecFailed } from '../domain/errors/ChannelErrors.js';

/** Result of running a command over a channel. */
export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of a command run. */
export interface ExecuteOptions {
  /** Kill the command and throw ChannelTimeout after this long. */
  readonly timeoutMs?: number;
  /** Extra environment variables for the command. */
  readonly env?: Readonly<Record<string, string>>;
  /** Working directory on the channel's host. */
  readonly cwd?: string;
  readonly signal?: AbortSignal;
}

/**
 * Where provider commands run and files are copied: this machine (LocalChannel) or a login node
 * reached over SSH (SshChannel). `executeWait` is the primitive; see {@link executeOrThrow}.
 * Lifecycle: owned by its provider; the provider calls `close()` when it is done.
 * Parsl: parsl.channels.base.Channel
 */
export interface Channel {
  /** Host the channel reaches ("localhost" for LocalChannel). */
  readonly hostname: string;
  /** Directory on the host where submit scripts are written. */
  readonly scriptDir: string;
  /**
   * Runs `command` under a shell and waits for it.
   * @throws {ChannelTimeout} past `timeoutMs`; {@link ChannelExecFailed} when it cannot start
   */
  executeWait(command: string, options?: ExecuteOptions): Promise<CommandResult>;
  /**
   * Copies a local file into `remoteDir`, keeping its mode; returns the remote path.
   * @throws {FileCopyException}
   */
  pushFile(localPath: string, remoteDir: string): Promise<string>;
  /**
   * Copies a remote file into `localDir`; returns the local path.
   * @throws {FileCopyException}
   */
  pullFile(remotePath: string, localDir: string): Promise<string>;
  /** Creates a directory and its parents. @throws {ChannelError} */
  makedirs(
    path: string,
    options?: { readonly mode?: number; readonly existOk?: boolean },
  ): Promise<void>;
  /** True when `path` is a directory on the host. */
  isdir(path: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Runs a command and throws when it exits non-zero: the helper every provider uses.
 * @throws {ChannelExecFailed} carrying the command, exit code and both streams
 */
export const executeOrThrow = async (
  channel: Channel,
  command: string,
  options?: ExecuteOptions,
): Promise<CommandResult> => {
  const result = await channel.executeWait(command, options);
  if (result.exitCode !== 0) {
    throw new ChannelExecFailed(
      channel.hostname,
      `${command} exited with code ${result.exitCode} (stderr=${JSON.stringify(result.stderr.trim())})`,
    );
  }
  return result;
};
