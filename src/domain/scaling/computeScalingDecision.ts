import type { JobState } from '../job/JobState.js';
import type {
  ExecutorScalingState,
  ScalingAction,
  ScalingCase,
  ScalingDecision,
  ScalingInput,
} from './ScalingInput.js';

const countActive = (states: readonly JobState[]): number =>
  states.filter((s) => s === 'RUNNING' || s === 'PENDING').length;

const decide = (
  c: ScalingCase,
  reason: string,
  state: ExecutorScalingState,
  actions: readonly ScalingAction[] = [],
): ScalingDecision => ({ case: c, reason, state, actions });

/**
 * Runs one step of Parsl's scaling strategy for one executor. Pure: `now` (ms) is the only clock.
 *
 * - First call: scale out `initBlocks` (all strategies, including 'none'); the new blocks then count
 *   as PENDING for the rest of this step.
 * - No tasks and more than `minBlocks` active blocks: start the idle timer; once idle for at least
 *   `maxIdletimeSeconds` (inclusive, so 0 means at once), scale in down to `minBlocks` (every block
 *   is idle: there are no tasks).
 * - slots / tasks < parallelism: scale out ceil(ceil(tasks·p − slots) / slotsPerBlock), capped at
 *   `maxBlocks`.
 * - No slots but tasks (parallelism 0): scale out one block.
 * - More slots than tasks and 'htexAutoScale' on an executor that can pick idle blocks: scale in
 *   floor(floor(slots − tasks·p) / slotsPerBlock) blocks, but only blocks idle for `maxIdletimeSeconds`
 *   (the floor is Parsl's fix for the oscillation of issue 3696).
 *
 * @throws {RangeError} when workersPerNode·nodesPerBlock is not positive (no slots per block)
 * Parsl: parsl.jobs.strategy.Strategy._general_strategy
 */
export const computeScalingDecision = (input: ScalingInput, now: number): ScalingDecision => {
  const slotsPerBlock = input.workersPerNode * input.nodesPerBlock;
  if (!(slotsPerBlock > 0)) {
    throw new RangeError(
      `computeScalingDecision: executor ${input.executor} has ${input.workersPerNode} workers per node and ${input.nodesPerBlock} nodes per block; both must be positive`,
    );
  }
  const actions: ScalingAction[] = [];
  let blockStates = input.blockStates;
  let state = input.state;
  if (!state.initialized) {
    state = { ...state, initialized: true };
    if (input.initBlocks > 0) {
      actions.push({
        action: 'scale-out',
        blocks: input.initBlocks,
        case: 'init',
        reason: `initBlocks=${input.initBlocks}`,
      });
      blockStates = [...blockStates, ...Array<JobState>(input.initBlocks).fill('PENDING')];
    }
  }
  if (input.strategy === 'none') {
    return decide('disabled', "strategy 'none' never scales after initBlocks", state, actions);
  }
  const step = generalStrategy(input, countActive(blockStates), slotsPerBlock, state, now);
  return { ...step, actions: [...actions, ...step.actions] };
};

const generalStrategy = (
  input: ScalingInput,
  activeBlocks: number,
  slotsPerBlock: number,
  initialState: ExecutorScalingState,
  now: number,
): ScalingDecision => {
  const tasks = input.outstandingTasks;
  const { minBlocks, maxBlocks, parallelism } = input;
  const activeSlots = activeBlocks * slotsPerBlock;
  const facts = `tasks=${tasks}, activeBlocks=${activeBlocks}, slots=${activeSlots}`;
  let state = initialState;
  if (tasks > 0 && state.idleSince !== undefined) state = { ...state, idleSince: undefined };

  if (tasks === 0) {
    if (activeBlocks <= minBlocks) {
      return decide(
        'idle-below-min',
        `no tasks and at most minBlocks=${minBlocks} (${facts})`,
        state,
      );
    }
    const idleSince = state.idleSince ?? now;
    state = { ...state, idleSince };
    const idleSeconds = (now - idleSince) / 1000;
    if (idleSeconds >= input.maxIdletimeSeconds) {
      const blocks = activeBlocks - minBlocks;
      const reason = `idle for ${idleSeconds}s >= maxIdletime=${input.maxIdletimeSeconds}s (${facts})`;
      return decide('idle-scale-in', reason, state, [
        { action: 'scale-in', blocks, case: 'idle-scale-in', reason },
      ]);
    }
    const reason = `idle for ${idleSeconds}s of maxIdletime=${input.maxIdletimeSeconds}s (${facts})`;
    return decide('idle-waiting', reason, state);
  }

  if (activeSlots / tasks < parallelism) {
    if (activeBlocks >= maxBlocks) {
      return decide(
        'overloaded-at-max',
        `overloaded but at maxBlocks=${maxBlocks} (${facts})`,
        state,
      );
    }
    const excessSlots = Math.ceil(tasks * parallelism - activeSlots);
    const blocks = Math.min(Math.ceil(excessSlots / slotsPerBlock), maxBlocks - activeBlocks);
    const reason = `slots/tasks < parallelism=${parallelism} (${facts})`;
    return decide('overloaded', reason, state, [
      { action: 'scale-out', blocks, case: 'overloaded', reason },
    ]);
  }

  if (activeSlots === 0) {
    if (activeBlocks >= maxBlocks) {
      return decide('no-slots-at-max', `no slots but at maxBlocks=${maxBlocks} (${facts})`, state);
    }
    const reason = `no slots for waiting tasks (parallelism=${parallelism}, ${facts})`;
    return decide('no-slots', reason, state, [
      { action: 'scale-out', blocks: 1, case: 'no-slots', reason },
    ]);
  }

  if (
    activeSlots > tasks &&
    input.strategy === 'htexAutoScale' &&
    input.canScaleInIdleBlocks &&
    activeBlocks > minBlocks
  ) {
    const excessSlots = Math.floor(activeSlots - tasks * parallelism);
    const blocks = Math.min(Math.floor(excessSlots / slotsPerBlock), activeBlocks - minBlocks);
    if (blocks > 0) {
      const reason = `more slots than tasks (parallelism=${parallelism}, ${facts})`;
      return decide('excess-slots', reason, state, [
        {
          action: 'scale-in',
          blocks,
          case: 'excess-slots',
          reason,
          maxIdletimeSeconds: input.maxIdletimeSeconds,
        },
      ]);
    }
  }
  return decide('balanced', `no change needed (${facts})`, state);
};
