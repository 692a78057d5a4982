import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BadCheckpoint } from '../../domain/errors/KernelErrors.js';
import { CheckpointWriteError } from '../../domain/errors/MemoErrors.js';
import type {
  CheckpointRecord,
  CheckpointStore,
  CheckpointWriteResult,
} from '../../ports/CheckpointStore.js';
import type { Clock } from '../../ports/Clock.js';
import { formatCheckpoint, parseCheckpoint } from './file/checkpointFileFormat.js';
import { type CheckpointFs, nodeCheckpointFs } from './file/checkpointFs.js';

/** Options of {@link FileCheckpointStore}. */
export interface FileCheckpointStoreOptions {
  /** The run directory (`runinfo/NNN`); checkpoints go to `<runDir>/checkpoint/`. */
  readonly runDir: string;
  /**
   * fsync the file before the rename and the directory after it. Turning it off keeps writes
   * atomic against a killed process but not against a power loss. @default true
   */
  readonly fsync?: boolean;
}

/** A checkpoint file name: a zero-padded sequence number, oldest first. */
const CHECKPOINT_FILE = /^(\d{6,})\.ckpt$/;
const fileName = (seq: number): string => `${String(seq).padStart(6, '0')}.ckpt`;

const errnoCode = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;

/**
 * Checkpoints as files under `<runDir>/checkpoint/`, one file per checkpoint (`000001.ckpt`,
 * `000002.ckpt`, ...). Each is written to a hidden temp file, fsynced, renamed into place, and
 * the directory fsynced, so a crash at any instant leaves the previous set of checkpoints or the
 * new one, never a torn file. Writes are serialized. Format: docs/memoization.md.
 * Parsl: the tasks.pkl writer and load_checkpoints of parsl.dataflow.memoization
 */
export class FileCheckpointStore implements CheckpointStore {
  public readonly directory: string;
  private readonly fsync: boolean;
  private nextSeq: number | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  public constructor(
    options: FileCheckpointStoreOptions,
    private readonly clock: Clock,
    /** Seam for crash-point tests; the real file system otherwise. */
    private readonly fs: CheckpointFs = nodeCheckpointFs,
  ) {
    this.directory = join(options.runDir, 'checkpoint');
    this.fsync = options.fsync ?? true;
  }

  public write(records: readonly CheckpointRecord[]): Promise<CheckpointWriteResult> {
    const result = this.queue.then(() => this.writeNow(records));
    this.queue = result.catch(() => undefined);
    return result;
  }

  public async load(paths: readonly string[]): Promise<CheckpointRecord[]> {
    const records: CheckpointRecord[] = [];
    for (const path of paths) {
      for (const file of await this.filesUnder(path)) {
        let bytes: Buffer;
        try {
          bytes = await readFile(file);
        } catch (error: unknown) {
          throw new BadCheckpoint(
            file,
            0,
            `cannot be read (${errnoCode(error) ?? String(error)})`,
            { cause: error },
          );
        }
        records.push(...parseCheckpoint(file, bytes));
      }
    }
    return records;
  }

  public async close(): Promise<void> {
    await this.queue;
  }

  private async writeNow(records: readonly CheckpointRecord[]): Promise<CheckpointWriteResult> {
    const { bytes, written, skipped } = formatCheckpoint(records, this.clock.now());
    if (written === 0) return { directory: this.directory, file: undefined, written, skipped };
    const seq = await this.takeSeq();
    const file = join(this.directory, fileName(seq));
    const temp = join(this.directory, `.${fileName(seq)}.${process.pid}.tmp`);
    try {
      await this.fs.writeFile(temp, bytes);
      if (this.fsync) await this.fs.fsync(temp);
      await this.fs.rename(temp, file);
      if (this.fsync) await this.fs.fsync(this.directory);
    } catch (error: unknown) {
      await this.fs.unlink(temp).catch(() => undefined);
      throw new CheckpointWriteError(file, errnoCode(error) ?? String(error), { cause: error });
    }
    return { directory: this.directory, file, written, skipped };
  }

  private async takeSeq(): Promise<number> {
    if (this.nextSeq === undefined) {
      try {
        await this.fs.mkdirp(this.directory);
        const names = await this.fs.readdir(this.directory);
        this.nextSeq =
          1 + Math.max(0, ...names.map((n) => Number(CHECKPOINT_FILE.exec(n)?.[1] ?? 0)));
      } catch (error: unknown) {
        throw new CheckpointWriteError(this.directory, errnoCode(error) ?? String(error), {
          cause: error,
        });
      }
    }
    return this.nextSeq++;
  }

  /** The checkpoint files a load path names, oldest first. */
  private async filesUnder(path: string): Promise<string[]> {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch (error: unknown) {
      throw new BadCheckpoint(
        path,
        0,
        `does not exist or cannot be read (${errnoCode(error) ?? String(error)}). Remove it from checkpointFiles`,
        { cause: error },
      );
    }
    if (!isDirectory) return [path];
    let names = await readdir(path);
    if (!names.some((n) => CHECKPOINT_FILE.test(n)) && names.includes('checkpoint')) {
      return this.filesUnder(join(path, 'checkpoint'));
    }
    names = names.filter((n) => CHECKPOINT_FILE.test(n));
    return names
      .sort((a, b) => Number(CHECKPOINT_FILE.exec(a)?.[1]) - Number(CHECKPOINT_FILE.exec(b)?.[1]))
      .map((n) => join(path, n));
  }
}
