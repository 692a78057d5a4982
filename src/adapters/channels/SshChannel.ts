import { readFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { basename, join, posix } from 'node:path';
import type { Client, ConnectConfig, SFTPWrapper } from 'ssh2';
import {
  BadPermsScriptPath,
  ChannelError,
  ChannelExecFailed,
  FileCopyException,
} from '../../domain/errors/ChannelErrors.js';
import type { Channel, CommandResult, ExecuteOptions } from '../../ports/Channel.js';
import { HostKeyChecker } from './ssh/HostKeyChecker.js';
import { CommandNotStarted, runRemoteCommand } from './ssh/runRemoteCommand.js';
import { chmodLocal, sftpCall } from './ssh/sftpOps.js';
import { buildRemoteCommand, shellQuote } from './ssh/shellCommand.js';
import { translateConnectError } from './ssh/translateConnectError.js';

/** Options of {@link SshChannel}. Parsl: parsl.channels.SSHChannel */
export interface SshChannelOptions {
  /** Host to connect to. */
  readonly hostname: string;
  /** @default 22 */
  readonly port?: number;
  /** @default the local user name */
  readonly username?: string;
  /** Password authentication. */
  readonly password?: string;
  /** Private key file for public-key authentication. @default ~/.ssh/id_ed25519 or id_rsa when no other method is set */
  readonly keyFilename?: string;
  /** Passphrase of `keyFilename`. */
  readonly passphrase?: string;
  /** ssh-agent socket for agent authentication. @default process.env.SSH_AUTH_SOCK when set */
  readonly agent?: string;
  /** known_hosts file the host key is checked against. @default ~/.ssh/known_hosts */
  readonly knownHostsFile?: string;
  /**
   * 'strict': an unknown host is refused; 'accept-new': an unknown host is trusted and its key
   * appended to `knownHostsFile` (first contact). A changed key is refused in both modes.
   * @default 'strict'
   */
  readonly hostKeyPolicy?: 'strict' | 'accept-new';
  /** Remote directory for submit scripts. @default '~/.parsl_scripts' (resolved on the host) */
  readonly scriptDir?: string;
  /** Environment variables set for every command. @default {} */
  readonly envs?: Readonly<Record<string, string>>;
  /** Connection (handshake + auth) timeout. @default 10000 */
  readonly connectTimeoutMs?: number;
  /** Timeout of a command when the caller gives none. @default 60000 */
  readonly defaultTimeoutMs?: number;
}

interface Connection {
  readonly client: Client;
  sftp?: Promise<SFTPWrapper> | undefined;
  open: boolean;
  /** Commands and file copies running on it. */
  busy: number;
  /** Settles when its socket has closed. */
  readonly gone: Promise<void>;
}

/**
 * Runs provider commands on a remote host (a cluster login node) over one persistent SSH
 * connection (ssh2), copies files with SFTP, and reconnects when the connection drops.
 * Parsl: parsl.channels.SSHChannel
 */
export class SshChannel implements Channel {
  public readonly hostname: string;
  public readonly port: number;
  public readonly username: string;
  protected readonly options: SshChannelOptions;
  private readonly hostKeys: HostKeyChecker;
  private connection: Promise<Connection> | undefined;
  /** Replaced connections, ended once the work still running on them is done. */
  private readonly retiring = new Set<Connection>();
  private closed = false;
  private resolvedScriptDir: string;

  public constructor(options: SshChannelOptions) {
    this.options = options;
    this.hostname = options.hostname;
    this.port = options.port ?? 22;
    this.username = options.username ?? userInfo().username;
    this.resolvedScriptDir = options.scriptDir ?? '.parsl_scripts';
    this.hostKeys = new HostKeyChecker(
      options.knownHostsFile ?? join(homedir(), '.ssh', 'known_hosts'),
      options.hostKeyPolicy ?? 'strict',
      this.hostname,
      this.port,
    );
  }

  /** Remote script directory (relative paths are relative to the login directory). */
  public get scriptDir(): string {
    return this.resolvedScriptDir;
  }

  /** The user@host:port this channel reaches, for messages. */
  public get target(): string {
    return `${this.username}@${this.hostname}:${this.port}`;
  }

  /** Authentication part of the ssh2 connect config; subclasses change the method. */
  protected async authConfig(): Promise<Partial<ConnectConfig>> {
    const o = this.options;
    const config: Partial<ConnectConfig> = {};
    if (o.password !== undefined) config.password = o.password;
    if (o.keyFilename !== undefined) config.privateKey = await this.readKey(o.keyFilename);
    if (o.passphrase !== undefined) config.passphrase = o.passphrase;
    const agent = o.agent ?? process.env['SSH_AUTH_SOCK'];
    if (agent !== undefined && agent !== '') config.agent = agent;
    if (
      config.password === undefined &&
      config.privateKey === undefined &&
      config.agent === undefined
    ) {
      for (const name of ['id_ed25519', 'id_ecdsa', 'id_rsa']) {
        const key = await readFile(join(homedir(), '.ssh', name)).catch(() => undefined);
        if (key !== undefined) {
          config.privateKey = key;
          break;
        }
      }
    }
    return config;
  }

  /** Hook for keyboard-interactive prompts; the default answers none. */
  protected async answerPrompts(
    _prompts: readonly { prompt: string; echo?: boolean }[],
  ): Promise<string[] | undefined> {
    return undefined;
  }

  private async readKey(path: string): Promise<Buffer> {
    try {
      return await readFile(path);
    } catch (error: unknown) {
      throw new ChannelError(
        this.hostname,
        `SshChannel.connect: cannot read private key ${path} (${String(error)}). Check keyFilename.`,
        { cause: error, code: 'CHANNEL_AUTH_FAILED' },
      );
    }
  }

  private async connect(): Promise<Connection> {
    const { Client } = await import('ssh2');
    await this.hostKeys.load();
    const auth = await this.authConfig();
    const client = new Client();
    // One 'close' listener per running command: the server's MaxSessions bounds them, not Node's 10.
    client.setMaxListeners(0);
    const gone = new Promise<void>((resolve) => client.once('close', () => resolve()));
    const connection: Connection = { client, open: false, busy: 0, gone };
    return await new Promise<Connection>((resolve, reject) => {
      let settled = false;
      client.on('ready', () => {
        settled = true;
        connection.open = true;
        resolve(connection);
      });
      client.on('error', (error: Error & { level?: string }) => {
        connection.open = false;
        if (!settled) {
          settled = true;
          reject(translateConnectError(this.target, error, this.hostKeys.lastProblem));
        }
      });
      client.on('close', () => {
        connection.open = false;
        if (!settled) {
          settled = true;
          reject(
            translateConnectError(
              this.target,
              new Error('connection closed during handshake'),
              this.hostKeys.lastProblem,
            ),
          );
        }
      });
      client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) => {
        this.answerPrompts(prompts).then(
          (answers) => finish(answers ?? prompts.map(() => '')),
          () => finish(prompts.map(() => '')),
        );
      });
      client.connect({
        host: this.hostname,
        port: this.port,
        username: this.username,
        readyTimeout: this.options.connectTimeoutMs ?? 10_000,
        keepaliveInterval: 15_000,
        hostVerifier: (key: Buffer) => this.hostKeys.verify(key),
        ...auth,
      });
    });
  }

  private async live(): Promise<Connection> {
    if (this.closed) {
      throw new ChannelError(this.hostname, `SshChannel: channel to ${this.target} is closed`);
    }
    const current = this.connection;
    if (current !== undefined) {
      const conn = await current.catch(() => undefined);
      if (conn?.open === true) return conn;
    }
    const next = this.connect();
    this.connection = next;
    next.catch(() => {
      if (this.connection === next) this.connection = undefined;
    });
    return await next;
  }

  public async executeWait(command: string, options?: ExecuteOptions): Promise<CommandResult> {
    const full = buildRemoteCommand(
      command,
      { ...this.options.envs, ...options?.env },
      options?.cwd,
    );
    const timeoutMs = options?.timeoutMs ?? this.options.defaultTimeoutMs ?? 60_000;
    const request = {
      full,
      command,
      timeoutMs,
      hostname: this.hostname,
      target: this.target,
      ...(options?.signal ? { signal: options.signal } : {}),
    };
    let conn = await this.live();
    try {
      return await this.use(conn, () => runRemoteCommand(conn.client, request));
    } catch (error: unknown) {
      if (!(error instanceof CommandNotStarted)) throw error;
      this.retire(conn);
      conn = await this.live();
      try {
        return await this.use(conn, () => runRemoteCommand(conn.client, request));
      } catch (retryError: unknown) {
        throw new ChannelExecFailed(this.hostname, `${command}: ${String(retryError)}`, {
          cause: retryError,
        });
      }
    }
  }

  /** Runs `work` on `conn`, counted so that a retired connection is not ended under it. */
  private async use<T>(conn: Connection, work: () => Promise<T>): Promise<T> {
    conn.busy += 1;
    try {
      return await work();
    } finally {
      conn.busy -= 1;
      if (conn.busy === 0 && this.retiring.has(conn)) conn.client.end();
    }
  }

  /**
   * Stops using `conn` after the server refused it a session. That is usually "Channel open
   * failure" on a live connection (MaxSessions reached), so it must be ended, or its socket and
   * sessions stay open; the commands still running on it are let finish first.
   */
  private retire(conn: Connection): void {
    conn.open = false;
    if (this.retiring.has(conn)) return;
    this.retiring.add(conn);
    void conn.gone.then(() => this.retiring.delete(conn));
    if (conn.busy === 0) conn.client.end();
  }

  private async withSftp<T>(work: (sftp: SFTPWrapper) => Promise<T>): Promise<T> {
    const conn = await this.live();
    return await this.use(conn, async () => await work(await this.sftpOf(conn)));
  }

  private async sftpOf(conn: Connection): Promise<SFTPWrapper> {
    if (conn.sftp === undefined) {
      conn.sftp = new Promise<SFTPWrapper>((resolve, reject) => {
        conn.client.sftp((error, sftp) => (error ? reject(error) : resolve(sftp)));
      });
      conn.sftp.catch(() => {
        conn.sftp = undefined;
      });
    }
    return await conn.sftp;
  }

  public async pushFile(localPath: string, remoteDir: string): Promise<string> {
    const remotePath = posix.join(remoteDir, basename(localPath));
    try {
      const { stat } = await import('node:fs/promises');
      const mode = (await stat(localPath)).mode & 0o7777;
      await this.withSftp(async (sftp) => {
        await sftpCall<void>((cb) => sftp.fastPut(localPath, remotePath, { mode }, cb));
        await sftpCall<void>((cb) => sftp.chmod(remotePath, mode, cb));
      });
      return remotePath;
    } catch (error: unknown) {
      if (error instanceof ChannelError) throw error;
      throw new FileCopyException(
        this.hostname,
        `SshChannel.pushFile: ${localPath} -> ${this.target}:${remotePath}: ${String(error)}. Check that ${remoteDir} exists and is writable.`,
        { cause: error },
      );
    }
  }

  public async pullFile(remotePath: string, localDir: string): Promise<string> {
    const localPath = join(localDir, posix.basename(remotePath));
    try {
      const attrs = await this.withSftp(async (sftp) => {
        const found = await sftpCall<{ mode: number }>((cb) => sftp.stat(remotePath, cb));
        await sftpCall<void>((cb) => sftp.fastGet(remotePath, localPath, cb));
        return found;
      });
      await chmodLocal(localPath, attrs.mode & 0o7777);
      return localPath;
    } catch (error: unknown) {
      if (error instanceof ChannelError) throw error;
      throw new FileCopyException(
        this.hostname,
        `SshChannel.pullFile: ${this.target}:${remotePath} -> ${localPath}: ${String(error)}`,
        { cause: error },
      );
    }
  }

  public async makedirs(
    path: string,
    options?: { readonly mode?: number; readonly existOk?: boolean },
  ): Promise<void> {
    const mode = (options?.mode ?? 0o777).toString(8);
    const existOk = options?.existOk ?? false;
    const guard = existOk
      ? ''
      : `if [ -e ${shellQuote(path)} ]; then echo "exists" >&2; exit 17; fi; `;
    const result = await this.executeWait(`${guard}mkdir -p -m ${mode} -- ${shellQuote(path)}`);
    if (result.exitCode === 17) {
      throw new ChannelError(
        this.hostname,
        `SshChannel.makedirs: ${path} already exists on ${this.target}. Pass existOk to accept it.`,
      );
    }
    if (result.exitCode !== 0) {
      throw new BadPermsScriptPath(this.hostname, path, result.stderr.trim());
    }
  }

  public async isdir(path: string): Promise<boolean> {
    const result = await this.executeWait(`test -d ${shellQuote(path)}`);
    return result.exitCode === 0;
  }

  /** Returns the absolute form of `path` on the host. Parsl: SSHChannel.abspath */
  public async abspath(path: string): Promise<string> {
    return await this.withSftp((sftp) => sftpCall<string>((cb) => sftp.realpath(path, cb)));
  }

  public async close(): Promise<void> {
    this.closed = true;
    const current = this.connection;
    this.connection = undefined;
    const conn = await current?.catch(() => undefined);
    const all = conn === undefined ? [...this.retiring] : [conn, ...this.retiring];
    await Promise.all(
      all.map(async ({ client, gone }) => {
        client.end();
        await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      }),
    );
  }
}
