import { ParslError } from '../../domain/errors/ParslError.js';
import { UnsupportedSchemeError } from '../../domain/errors/StagingErrors.js';
import { File } from '../../domain/staging/File.js';
import type { BashPayload, FunctionPayload } from '../../ports/Executor.js';
import type { Logger } from '../../ports/Logger.js';
import type {
  InTaskStagingStep,
  StagingContext,
  StagingProvider,
} from '../../ports/StagingProvider.js';
import type { SpecialArgsInput } from '../apps/special.js';
import { DataFuture } from '../futures/DataFuture.js';
import {
  aroundSteps,
  RUN_STAGED_BASH,
  RUN_STAGED_FUNCTION,
  runStagedBash,
} from './staging/runStaged.js';
import { StageInFuture, StageOutFuture } from './staging/StagingFutures.js';

/** One executor's staging setup: its providers in order and where staged copies go. */
export interface ExecutorStaging {
  readonly providers: readonly StagingProvider[];
  readonly workingDir: string | undefined;
}

/** What {@link DataManager.prepare} hands back to the kernel at submit. */
export interface PreparedStaging {
  /** The special arguments with every File / DataFuture / URL input replaced by its staged form. */
  readonly special: SpecialArgsInput | undefined;
  /** One DataFuture per declared output, holding a fresh File the app writes to. */
  readonly outputs: DataFuture[];
  /** Starts stage-outs: call once with the task's AppFuture, before the task can launch. */
  attach(app: PromiseLike<unknown>): void;
}

interface TaskSteps {
  readonly before: InTaskStagingStep[];
  readonly after: InTaskStagingStep[];
}

const URL_WITH_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;
const NOTHING: PreparedStaging = { special: undefined, outputs: [], attach: () => undefined };

/**
 * Moves a task's files: at submit it offers each input File, DataFuture or URL string, and each
 * output, to the executor's staging providers in order (first `canStageIn`/`canStageOut` wins),
 * each time with a fresh copy of the File. Separate staging tasks become dependencies of the task;
 * in-task steps are wrapped around the task's payload at launch. Providers come from the executor's
 * `storageAccess`, else the default list (TOKENS.StagingProvider, default: defaultStaging()).
 * Parsl: parsl.data_provider.data_manager.DataManager
 */
export class DataManager {
  private readonly steps = new WeakMap<object, TaskSteps>();

  public constructor(
    private readonly executors: ReadonlyMap<string, ExecutorStaging>,
    private readonly defaults: readonly StagingProvider[],
    private readonly logger: Logger,
  ) {}

  /**
   * Stages a task's inputs and prepares its outputs at submit.
   * @throws {UnsupportedSchemeError} when no provider of the executor takes a file (names the URL,
   * the executor and its providers)
   */
  public prepare(
    executor: string,
    taskId: number,
    special: SpecialArgsInput | undefined,
  ): PreparedStaging {
    // Hot path: most calls stage nothing, so allocate nothing for them.
    if (special === undefined) return NOTHING;
    if ((special.inputs?.length ?? 0) === 0 && (special.outputs?.length ?? 0) === 0) {
      return { ...NOTHING, special };
    }
    const setup = this.setupOf(executor);
    const context: StagingContext = { executor, workingDir: setup.workingDir };
    const steps: TaskSteps = { before: [], after: [] };
    const inputs = special.inputs?.map((input) =>
      this.stageInput(input, taskId, setup, context, steps),
    );
    const pending = (special.outputs ?? []).map((output) => {
      const file = File.from(output).cleancopy();
      return { file, provider: this.choose(setup, context, file, 'out') };
    });
    const outputs = pending.map(({ file }) => new StageOutFuture(file, taskId));
    return {
      special: inputs === undefined ? special : { ...special, inputs },
      // Future's `this`-typed callbacks make subclasses with extra members invariant; the kernel only
      // uses the DataFuture surface.
      outputs: outputs as unknown as DataFuture[],
      attach: (app) => {
        const appDone = Promise.resolve(app).then(() => undefined);
        appDone.catch(() => undefined);
        pending.forEach(({ file, provider }, index) => {
          const output = outputs[index];
          if (output === undefined) return;
          let transfer: Promise<void> | undefined;
          try {
            transfer = provider.stageOut?.(file, context, appDone);
          } catch (error: unknown) {
            transfer = Promise.reject(error);
          }
          steps.after.push(...(provider.replaceTaskStageOut?.(file, context) ?? []));
          (transfer ?? appDone).then(
            () => output.completeStageOut(),
            (error: unknown) => output.setException(error),
          );
        });
        if (steps.before.length > 0 || steps.after.length > 0) this.steps.set(app, steps);
      },
    };
  }

  /** The payload to run: the original, or one that runs in-task staging steps around it. */
  public wrapPayload(
    app: object,
    payload: FunctionPayload | BashPayload,
    appName: string,
    walltimeSeconds: number | undefined,
  ): FunctionPayload | BashPayload {
    const steps = this.steps.get(app);
    if (steps === undefined) return payload;
    const { before, after } = steps;
    if (payload.kind === 'bash') {
      const spec = {
        before,
        after,
        bash: payload,
        appName,
        walltimeSeconds: walltimeSeconds ?? null,
      };
      return { kind: 'function', fn: runStagedBash, ship: RUN_STAGED_BASH, args: [spec] };
    }
    const inner = payload.fn;
    return {
      kind: 'function',
      // In-process executors call `fn` directly: run the app's own function (closures allowed).
      fn: (_spec: unknown, ...args: unknown[]) => aroundSteps(before, () => inner(...args), after),
      ship: RUN_STAGED_FUNCTION,
      args: [{ before, after, fn: payload.ship }, ...payload.args],
    };
  }

  /** Closes every provider once. */
  public async close(): Promise<void> {
    const all = new Set<StagingProvider>(this.defaults);
    for (const setup of this.executors.values())
      for (const provider of setup.providers) all.add(provider);
    const results = await Promise.allSettled([...all].map((provider) => provider.close?.()));
    for (const result of results) {
      if (result.status === 'rejected')
        this.logger.warn(`staging provider close failed: ${String(result.reason)}`);
    }
  }

  private stageInput(
    input: unknown,
    taskId: number,
    setup: ExecutorStaging,
    context: StagingContext,
    steps: TaskSteps,
  ): unknown {
    let file: File;
    let parent: DataFuture | undefined;
    if (input instanceof DataFuture) {
      file = input.file.cleancopy();
      parent = input;
    } else if (File.isFile(input)) file = input.cleancopy();
    else if (typeof input === 'string' && URL_WITH_SCHEME.test(input)) file = new File(input);
    else return input;
    const provider = this.choose(setup, context, file, 'in');
    const produced = parent?.then(() => undefined);
    produced?.catch(() => undefined);
    let transfer: Promise<void> | undefined;
    try {
      transfer = provider.stageIn?.(file, context, produced);
    } catch (error: unknown) {
      transfer = Promise.reject(error);
    }
    steps.before.push(...(provider.replaceTask?.(file, context) ?? []));
    if (transfer === undefined && produced === undefined) return file;
    const staged = new StageInFuture(
      file,
      parent?.taskId ?? taskId,
      parent,
      this.where(context.executor, setup),
    );
    if (transfer === undefined) {
      produced?.then(
        () => staged.setResult(file),
        (error: unknown) => staged.setException(error),
      );
      return staged;
    }
    transfer.then(
      () => staged.setResult(file),
      (error: unknown) => {
        if (parent?.failed() === true) staged.setException(error);
        else staged.failStaging(error);
      },
    );
    return staged;
  }

  private choose(
    setup: ExecutorStaging,
    context: StagingContext,
    file: File,
    direction: 'in' | 'out',
  ): StagingProvider {
    for (const provider of setup.providers) {
      if (direction === 'in' ? provider.canStageIn(file) : provider.canStageOut(file)) {
        if (this.logger.debugEnabled)
          this.logger.debug(
            `staging ${direction} ${file.url} on ${context.executor} with ${provider.name}`,
          );
        return provider;
      }
    }
    throw new UnsupportedSchemeError(
      file.url,
      direction,
      setup.providers.map((p) => p.name),
      context.executor,
    );
  }

  private setupOf(executor: string): ExecutorStaging {
    return this.executors.get(executor) ?? { providers: this.defaults, workingDir: undefined };
  }

  private where(executor: string, setup: ExecutorStaging): string {
    return `executor ${executor} (storageAccess: ${setup.providers.map((p) => p.name).join(', ') || 'none'})`;
  }
}

/** True for errors a staging provider raised (for callers that want to tell them apart). */
export const isStagingError = (error: unknown): boolean =>
  ParslError.is(error) &&
  (error.code === 'STAGING_FAILED' || error.code === 'STAGING_UNSUPPORTED_SCHEME');
