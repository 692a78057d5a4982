/**
 * Durable storage of memoized results, one checkpoint at a time. Each `write` is one
 * checkpoint holding only the records given (incremental); `load` reads back checkpoints
 * written by this or earlier runs.
 *
 * Guarantees every adapter gives: a `write` is atomic and durable once its promise resolves
 * (a process killed at any instant leaves either no trace of it or all of it); writes are
 * serialized in call order; `load` returns records in the order they were written, oldest
 * checkpoint first, and never drops a damaged record silently.
 *
 * Lifecycle: built by the composition root for the kernel's run directory, used only by the
 * Memoizer, which calls `close()` at kernel cleanup after its last write.
 * Parsl: the checkpoint half of parsl.dataflow.memoization (tasks.pkl writing and load_checkpoints)
 */
export interface CheckpointStore {
  /** Where this store writes its checkpoints (`<runDir>/checkpoint`). */
  readonly directory: string;
  /**
   * Writes one checkpoint holding `records`; nothing is written for an empty list.
   * A record whose value cannot be stored is left out and reported in `skipped`.
   * @throws {CheckpointWriteError} when the checkpoint could not be made durable
   */
  write(records: readonly CheckpointRecord[]): Promise<CheckpointWriteResult>;
  /**
   * Reads every record under `paths`, each a checkpoint directory (as returned by
   * getAllCheckpoints), a run directory holding `checkpoint/`, or one checkpoint file.
   * All-or-nothing: on any problem it throws and returns nothing.
   * @throws {BadCheckpoint} naming the file and byte position of a missing, truncated or corrupt checkpoint
   */
  load(paths: readonly string[]): Promise<CheckpointRecord[]>;
  /** Waits for writes in progress. */
  close(): Promise<void>;
}

/** One memoized success. */
export interface CheckpointRecord {
  /** The memo key (hash of app identity and arguments). */
  readonly key: string;
  readonly appName: string;
  /** Id of the task in the run that computed it (diagnostics only: ids restart each run). */
  readonly taskId: number;
  /** When the task completed, ms since the epoch; on load the newest record of a key wins. */
  readonly completedAt: number;
  readonly value: unknown;
}

/** A record a write left out. */
export interface SkippedRecord {
  readonly key: string;
  readonly appName: string;
  readonly taskId: number;
  readonly reason: string;
}

/** What one `write` did. */
export interface CheckpointWriteResult {
  /** The store's directory. */
  readonly directory: string;
  /** The checkpoint file written, or undefined when there was nothing to write. */
  readonly file: string | undefined;
  readonly written: number;
  readonly skipped: readonly SkippedRecord[];
}
