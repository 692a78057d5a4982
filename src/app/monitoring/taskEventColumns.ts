import type { TaskStateEvent } from '../../domain/task/TaskEvent.js';
import type { TaskState } from '../../domain/task/TaskState.js';

/** Int32 columns per event in {@link TaskEventColumns}: try, state, app, executor, dependency count. */
export const INTS = 5;

/**
 * Task-state events packed for another thread: the typed arrays can be transferred, and every
 * string is sent once. Per event i: `numbers[2i]` task id, `numbers[2i+1]` time; `ints[5i]` try,
 * `ints[5i+1..3]` indexes into `strings` of the state, app name and executor label, `ints[5i+4]`
 * how many ids of `dependencies` are the event's dependency list (-1: none given).
 */
export interface TaskEventColumns {
  readonly count: number;
  readonly numbers: Float64Array;
  readonly ints: Int32Array;
  readonly strings: readonly string[];
  readonly dependencies: Float64Array;
  /** [event index, error message] of the failures. */
  readonly errors: readonly (readonly [number, string])[];
}

/** The buffers of `columns` for postMessage's transfer list (they are unusable here afterwards). */
export const transferList = (columns: TaskEventColumns): ArrayBuffer[] => [
  columns.numbers.buffer as ArrayBuffer,
  columns.ints.buffer as ArrayBuffer,
  columns.dependencies.buffer as ArrayBuffer,
];

/** Hands the events of `columns` to `each` in order, as fresh event objects, with their index. */
export const forEachTaskEvent = (
  columns: TaskEventColumns,
  each: (e: TaskStateEvent, index: number) => void,
): void => {
  const { numbers, ints, strings, dependencies } = columns;
  const errors = new Map(columns.errors);
  let d = 0;
  for (let i = 0; i < columns.count; i += 1) {
    const k = INTS * i;
    const deps = ints[k + 4] ?? -1;
    let dependsOn: number[] | undefined;
    if (deps >= 0) {
      dependsOn = Array.from(dependencies.subarray(d, d + deps));
      d += deps;
    }
    each(
      {
        type: 'task-state',
        taskId: numbers[2 * i] ?? 0,
        appName: strings[ints[k + 2] ?? 0] as string,
        executor: strings[ints[k + 3] ?? 0] as string,
        tryId: ints[k] ?? 0,
        from: undefined,
        to: strings[ints[k + 1] ?? 0] as TaskState,
        at: numbers[2 * i + 1] ?? 0,
        error: errors.get(i),
        dependsOn,
      },
      i,
    );
  }
};

/** Strings numbered in the order first seen. */
export class StringTable {
  public readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  public code(value: string): number {
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(value);
      this.codes.set(value, c);
    }
    return c;
  }
}

/**
 * One column's codes in a {@link StringTable}: a column mostly repeats its previous string (the
 * same app, the same executor), and then the code costs one comparison of references.
 */
export class StringColumn {
  private last: string | undefined;
  private lastCode = 0;

  public constructor(public readonly table = new StringTable()) {}

  public code(value: string): number {
    if (value !== this.last) {
      this.last = value;
      this.lastCode = this.table.code(value);
    }
    return this.lastCode;
  }
}
