import { ParslError } from './ParslError.js';

/**
 * An argument of a cached app has a type that memoization cannot turn into a key.
 * The message keeps Parsl's wording ("unknown type for memoization") and says how to fix it.
 * Parsl: ValueError("unknown type for memoization ...") from parsl.dataflow.memoization.id_for_memo
 */
export class UnhashableArgumentError extends ParslError {
  public constructor(
    public readonly appName: string,
    public readonly taskId: number,
    /** Where the value sits, e.g. `args[1].points[0]` or `inputs[2]`. */
    public readonly argumentPath: string,
    /** Constructor name (or `typeof`) of the value. */
    public readonly typeName: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    const topIndex = /^args\[(\d+)\]/.exec(argumentPath)?.[1];
    const ignoreHint =
      topIndex === undefined
        ? `ignoreForCache: ['${argumentPath.split(/[.[]/)[0] ?? argumentPath}']`
        : `ignoreForCache: [${topIndex}]`;
    super(
      'MEMO_UNHASHABLE',
      `Memoizer.lookup: unknown type for memoization: app ${appName} (task ${taskId}) argument ${argumentPath} is a ${typeName}: ${reason}. ` +
        `Register a key function for it: container.bind(TOKENS.IdForMemo).toConstantValue(idForMemo(${typeName}, (value) => <a string, number or plain object that identifies it>)), ` +
        `or leave it out of the key with ${ignoreHint}, or set cache: false on the app.`,
      options,
    );
  }
}

/** A checkpoint could not be written durably (disk full, permissions, ...). */
export class CheckpointWriteError extends ParslError {
  public constructor(
    public readonly file: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(
      'CHECKPOINT_WRITE_FAILED',
      `CheckpointStore.write: could not write checkpoint ${file}: ${reason}. Check free space and permissions of the run directory.`,
      options,
    );
  }
}
