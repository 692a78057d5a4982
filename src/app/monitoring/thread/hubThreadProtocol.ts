import type { LogLevel } from '../../../ports/Logger.js';
import type { MonitoringHubOptions, MonitoringStats } from '../MonitoringHub.js';
import type { HubThreadDatabase } from '../MonitoringHubThread.js';
import type { MonitoringInput } from '../MonitoringInput.js';
import type { TaskEventColumns } from '../taskEventColumns.js';

/** What the hub thread is started with (`workerData`). */
export interface HubThreadData {
  /** The store's options, with baseDir. */
  readonly database: HubThreadDatabase;
  /** The hub's options, without the sampler (processes are sampled in the parent). */
  readonly options: Omit<MonitoringHubOptions, 'sampler'>;
}

/**
 * Parent -> thread. `inputs`: task-state events as columns, and the other inputs, each with the
 * number of task-state events that came before it (`[position, input]`); `flush` asks for a write
 * soon. `open`, `flush-now` and `close` are calls, answered by a `reply` with the same id.
 */
export type HubThreadRequest =
  | {
      readonly type: 'inputs';
      readonly columns: TaskEventColumns | undefined;
      readonly others: readonly (readonly [number, MonitoringInput])[];
      readonly flush: boolean;
    }
  | { readonly type: 'open' | 'flush-now' | 'close'; readonly id: number };

/** Thread -> parent: a call's answer, the hub's counters, or a line for the parent's logger. */
export type HubThreadMessage =
  | {
      readonly type: 'reply';
      readonly id: number;
      readonly ok: boolean;
      readonly message: string;
      readonly stats: MonitoringStats | undefined;
    }
  | { readonly type: 'stats'; readonly stats: MonitoringStats }
  | { readonly type: 'log'; readonly level: LogLevel; readonly message: string };
