import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ChannelError } from '../../../domain/errors/ChannelErrors.js';
import { ScriptPathError } from '../../../domain/errors/ProviderErrors.js';
import type { Channel } from '../../../ports/Channel.js';
import { connectionFailure } from './connectionFailure.js';
import { LocalScriptDir } from './LocalScriptDir.js';

/** A file a provider writes for a block (submit script, condor job description…). */
export interface ScriptFile {
  readonly name: string;
  readonly text: string;
  /** @default 0o755 */
  readonly mode?: number;
}

const describe = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * Writes a block's files locally and puts them in the channel's scriptDir (copying them with
 * `pushFile` unless the local directory is that directory).
 * @throws {ScriptPathError} naming the path, the host and the fix
 */
export class ScriptWriter {
  private ensured: Promise<string> | undefined;
  private readonly localDir: LocalScriptDir;

  public constructor(
    private readonly channel: Channel,
    private readonly moveFiles: boolean,
    localScriptDir: string | undefined,
    private readonly label: () => string,
  ) {
    const isLocal = channel.hostname === 'localhost';
    this.localDir = new LocalScriptDir(
      localScriptDir ?? (isLocal ? channel.scriptDir : undefined),
      'parsl-ts-scripts-',
    );
  }

  /** The channel's scriptDir, created on first use. */
  public remoteDir(): Promise<string> {
    if (this.ensured === undefined) {
      const dir = this.channel.scriptDir;
      this.ensured = this.channel.makedirs(dir, { existOk: true }).then(
        () => dir,
        (error: unknown) => {
          this.ensured = undefined;
          throw (
            connectionFailure(this.label(), this.channel.hostname, error) ??
            new ScriptPathError(
              `${this.channel.hostname}:${dir}`,
              `${this.label()}: the channel's scriptDir cannot be created (${describe(error)})`,
              { cause: error },
            )
          );
        },
      );
    }
    return this.ensured;
  }

  /** Removes the local temp dir this writer made, if any; a directory the user chose stays. */
  public close(): Promise<void> {
    return this.localDir.remove();
  }

  /** Writes `files`; returns their paths on the channel's host, in order. */
  public async write(files: readonly ScriptFile[]): Promise<string[]> {
    const remoteDir = await this.remoteDir();
    const paths: string[] = [];
    for (const file of files) {
      let localPath = file.name;
      try {
        const dir = await this.localDir.path();
        localPath = join(dir, file.name);
        await writeFile(localPath, file.text, { mode: file.mode ?? 0o755 });
      } catch (error: unknown) {
        throw new ScriptPathError(localPath, `${this.label()}: ${describe(error)}`, {
          cause: error,
        });
      }
      const sameDir =
        this.channel.hostname === 'localhost' &&
        resolve(await this.localDir.path()) === resolve(remoteDir);
      if (sameDir || !this.moveFiles) {
        paths.push(localPath);
        continue;
      }
      try {
        paths.push(await this.channel.pushFile(localPath, remoteDir));
      } catch (error: unknown) {
        if (!(error instanceof ChannelError)) throw error;
        throw (
          connectionFailure(this.label(), this.channel.hostname, error) ??
          new ScriptPathError(
            `${this.channel.hostname}:${remoteDir}/${file.name}`,
            `${this.label()}: copying the script failed (${error.message})`,
            { cause: error },
          )
        );
      }
    }
    return paths;
  }
}
