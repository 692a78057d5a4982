import { join } from 'node:path';
import {
  CodecError,
  decodeValue,
  encodeValue,
} from '../../src/adapters/checkpoint/file/checkpointValueCodec.js';
import { BadCheckpoint } from '../../src/domain/errors/KernelErrors.js';
import type {
  CheckpointRecord,
  CheckpointStore,
  CheckpointWriteResult,
  SkippedRecord,
} from '../../src/ports/CheckpointStore.js';

/** One checkpoint held in memory. */
export interface FakeCheckpoint {
  readonly file: string;
  readonly records: readonly CheckpointRecord[];
}

/** Checkpoints by checkpoint directory: share one between stores to play several runs. */
export type FakeCheckpointDisk = Map<string, FakeCheckpoint[]>;

/**
 * An in-memory CheckpointStore. Values go through the real checkpoint value codec, so what can
 * be stored (and what comes back) matches FileCheckpointStore. Scripting: `pauseWrites()` holds
 * writes until released, `failNextWrite(error)` makes one write throw, `corrupt(path, position)`
 * makes loading `path` throw BadCheckpoint. Loading a path it does not hold throws BadCheckpoint,
 * as a missing directory does.
 */
export class FakeCheckpointStore implements CheckpointStore {
  public readonly directory: string;
  /** Every `write` call's records, in call order (including empty and failed ones). */
  public readonly writes: (readonly CheckpointRecord[])[] = [];
  /** Every `load` call's paths. */
  public readonly loads: (readonly string[])[] = [];
  public closeCalls = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private gate: Promise<void> | undefined;
  private nextFailure: unknown;
  private readonly corrupted = new Map<string, number>();

  public constructor(
    public readonly runDir: string,
    public readonly disk: FakeCheckpointDisk = new Map(),
  ) {
    this.directory = join(runDir, 'checkpoint');
  }

  /** Holds every write until the returned function is called. */
  public pauseWrites(): () => void {
    let release: () => void = () => undefined;
    this.gate = new Promise<void>((resolve) => {
      release = () => {
        this.gate = undefined;
        resolve();
      };
    });
    return release;
  }

  public failNextWrite(error: unknown): this {
    this.nextFailure = error;
    return this;
  }

  public corrupt(path: string, position: number): this {
    this.corrupted.set(path, position);
    return this;
  }

  /** All records held for this store's directory, oldest first. */
  public held(): CheckpointRecord[] {
    return (this.disk.get(this.directory) ?? []).flatMap((c) => c.records);
  }

  public write(records: readonly CheckpointRecord[]): Promise<CheckpointWriteResult> {
    this.writes.push([...records]);
    const result = this.queue.then(() => this.writeNow(records));
    this.queue = result.catch(() => undefined);
    return result;
  }

  public async load(paths: readonly string[]): Promise<CheckpointRecord[]> {
    this.loads.push([...paths]);
    const out: CheckpointRecord[] = [];
    for (const path of paths) {
      const position = this.corrupted.get(path);
      if (position !== undefined) throw new BadCheckpoint(path, position, 'corrupt (scripted)');
      const checkpoints =
        this.disk.get(path) ??
        this.disk.get(join(path, 'checkpoint')) ??
        [...this.disk.values()].flat().filter((c) => c.file === path);
      if (checkpoints.length === 0 && !this.disk.has(path)) {
        throw new BadCheckpoint(path, 0, 'does not exist or cannot be read (ENOENT)');
      }
      for (const c of checkpoints)
        out.push(...c.records.map((r) => ({ ...r, value: copy(r.value) })));
    }
    return out;
  }

  public async close(): Promise<void> {
    this.closeCalls++;
    await this.queue;
  }

  private async writeNow(records: readonly CheckpointRecord[]): Promise<CheckpointWriteResult> {
    await this.gate;
    if (this.nextFailure !== undefined) {
      const error = this.nextFailure;
      this.nextFailure = undefined;
      throw error;
    }
    const kept: CheckpointRecord[] = [];
    const skipped: SkippedRecord[] = [];
    for (const r of records) {
      try {
        kept.push({ ...r, value: copy(r.value) });
      } catch (error: unknown) {
        if (!(error instanceof CodecError)) throw error;
        skipped.push({ key: r.key, appName: r.appName, taskId: r.taskId, reason: error.message });
      }
    }
    if (kept.length === 0)
      return { directory: this.directory, file: undefined, written: 0, skipped };
    const checkpoints = this.disk.get(this.directory) ?? [];
    this.disk.set(this.directory, checkpoints);
    const file = join(this.directory, `${String(checkpoints.length + 1).padStart(6, '0')}.ckpt`);
    checkpoints.push({ file, records: kept });
    return { directory: this.directory, file, written: kept.length, skipped };
  }
}

const copy = (value: unknown): unknown => decodeValue(encodeValue(value));
