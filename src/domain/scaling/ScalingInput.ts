import type { JobState } from '../job/JobState.js';

/**
 * Names of the scaling strategies. `none` starts `initBlocks` and never scales; `simple` scales out
 * on load and in (to `minBlocks`) after `maxIdletime` with no tasks; `htexAutoScale` also scales
 * in idle blocks while tasks remain. Parsl: `Config.strategy` ('none' | 'simple' | 'htex_auto_scale').
 */
export const ScalingStrategyName = {
  none: 'none',
  simple: 'simple',
  htexAutoScale: 'htexAutoScale',
} as const;
export type ScalingStrategyName = (typeof ScalingStrategyName)[keyof typeof ScalingStrategyName];

/** Per-executor memory of the strategy between two runs. Start from {@link initialScalingState}. */
export interface ExecutorScalingState {
  /** False until the first run has requested `initBlocks`. */
  readonly initialized: boolean;
  /** When the executor was first seen with no tasks and more than `minBlocks` blocks (ms). */
  readonly idleSince: number | undefined;
}

export const initialScalingState: ExecutorScalingState = {
  initialized: false,
  idleSince: undefined,
};

/** Everything the strategy needs about one executor at one instant. */
export interface ScalingInput {
  readonly executor: string;
  readonly strategy: ScalingStrategyName;
  /** Tasks submitted to the executor and not yet returned. */
  readonly outstandingTasks: number;
  /** Last known state of every block the executor started (terminal ones are ignored). */
  readonly blockStates: readonly JobState[];
  readonly initBlocks: number;
  readonly minBlocks: number;
  readonly maxBlocks: number;
  readonly nodesPerBlock: number;
  /** Task slots per node (Parsl's tasks_per_node / workers_per_node). */
  readonly workersPerNode: number;
  /** 0..1: target ratio of slots to outstanding tasks. */
  readonly parallelism: number;
  /** Seconds an executor (simple) or a block (htexAutoScale) must be idle before scale-in. */
  readonly maxIdletimeSeconds: number;
  /**
   * True when the executor can choose idle blocks itself on scale-in (HTEX): required for the
   * `htexAutoScale` scale-in case, as in Parsl.
   */
  readonly canScaleInIdleBlocks: boolean;
  readonly state: ExecutorScalingState;
}

/** Which rule of Parsl's strategy fired (log and event text). */
export type ScalingCase =
  | 'init'
  | 'idle-below-min'
  | 'idle-waiting'
  | 'idle-scale-in'
  | 'overloaded'
  | 'overloaded-at-max'
  | 'no-slots'
  | 'no-slots-at-max'
  | 'excess-slots'
  | 'balanced'
  | 'disabled';

/** One thing to do to an executor. */
export type ScalingAction =
  | {
      readonly action: 'scale-out';
      readonly blocks: number;
      readonly reason: string;
      readonly case: ScalingCase;
    }
  | {
      readonly action: 'scale-in';
      readonly blocks: number;
      readonly reason: string;
      readonly case: ScalingCase;
      /** Only blocks idle (no tasks) for at least this many seconds may go; absent = any block. */
      readonly maxIdletimeSeconds?: number;
    };

/** The strategy's answer: actions in order, the case that decided, and the state for next time. */
export interface ScalingDecision {
  readonly actions: readonly ScalingAction[];
  readonly case: ScalingCase;
  readonly reason: string;
  readonly state: ExecutorScalingState;
}
