import {
  type ProgressStream,
  TerminalProgress,
} from '../../adapters/monitoring/TerminalProgress.js';
import type { WorkerMonitoringTarget } from '../../ports/Executor.js';
import type { KernelEventSource } from '../../ports/KernelEventSink.js';
import type { Logger } from '../../ports/Logger.js';
import type { MonitoringConfig } from '../config/MonitoringConfig.js';
import {
  attachMonitoring,
  attachMonitoringInThread,
  type MonitoringHandle,
} from './attachMonitoring.js';
import {
  createMonitoringStore,
  hubInWorkerThread,
  monitoringDatabaseUrl,
} from './createMonitoringStore.js';
import { createUsageTracker } from './createUsageTracker.js';
import { monitoringOptions } from './monitoringOptions.js';
import { type MonitoringRadio, startMonitoringRadio } from './startMonitoringRadio.js';

/** What the kernel knows when it starts. */
export interface RunObserversInput {
  /** The kernel's events (its event bus): observers add sinks to it. */
  readonly events: KernelEventSource;
  readonly runId: string;
  /** This run's directory, e.g. runinfo/003. */
  readonly runDir: string;
  /** The config's runDir, e.g. runinfo (the default database lives there). */
  readonly baseRunDir: string;
  /** The config's `monitoring`, or undefined when monitoring is off. */
  readonly monitoring: MonitoringConfig | undefined;
  /** The config's `usageTracking` (PARSL_TRACKING=true also opts in). */
  readonly usageTracking: boolean;
  /** Live progress: on by default (it prints only to a TTY); false turns it off. */
  readonly progress?: false | { readonly force?: boolean; readonly stream?: ProgressStream };
  readonly version: string;
  readonly logger: Logger;
  readonly env?: { readonly PARSL_TRACKING?: string; readonly PARSL_TRACKING_ENDPOINT?: string };
}

/** What the kernel reports when it ends (for usage tracking). */
export interface RunSummary {
  readonly exitCode: number;
  readonly executorCount: number;
  readonly taskCount: number;
  readonly failedCount: number;
}

/** The observers of one run; close them after the kernel emitted workflow-end. */
export interface RunObservers {
  /** The monitoring handle (watchProcess, record), when monitoring is on. */
  readonly monitoring: MonitoringHandle | undefined;
  /** Environment for worker processes so they can report to the hub ({} when monitoring is off). */
  readonly workerEnv: Readonly<Record<string, string>>;
  /**
   * The hub's worker radio for executors whose workers run elsewhere, so they sample their tasks
   * (undefined when monitoring or resource monitoring is off).
   */
  readonly workerMonitoring: WorkerMonitoringTarget | undefined;
  close(summary: RunSummary): Promise<void>;
}

/**
 * Starts everything that watches a run, in one call for the kernel: the monitoring hub (database
 * and worker radio) when configured, the terminal progress line, and usage tracking when opted in.
 * Call it before the kernel emits workflow-start (or rely on runId/runDir given here).
 * @throws {MonitoringError} when the monitoring database cannot be opened or the hub port bound
 */
export const startRunObservers = async (input: RunObserversInput): Promise<RunObservers> => {
  const startedAt = Date.now();
  const tracker = createUsageTracker(input.usageTracking, input.version, input.env ?? process.env);
  tracker?.sendStart({ scriptPath: process.argv[1] ?? '', startedAt });
  const progress =
    input.progress === false
      ? undefined
      : new TerminalProgress({
          ...(input.progress?.force === undefined ? {} : { force: input.progress.force }),
          ...(input.progress?.stream === undefined ? {} : { stream: input.progress.stream }),
        });
  progress?.attach(input.events);
  let monitoring: MonitoringHandle | undefined;
  let radio: MonitoringRadio | undefined;
  if (input.monitoring !== undefined) {
    const options = {
      ...monitoringOptions(input.monitoring),
      runId: input.runId,
      runDir: input.runDir,
    };
    monitoring = hubInWorkerThread(input.monitoring.storeInWorkerThread)
      ? await attachMonitoringInThread(
          input.events,
          { url: monitoringDatabaseUrl(input.monitoring, input.baseRunDir) },
          options,
          input.logger,
        )
      : await attachMonitoring(
          input.events,
          createMonitoringStore(input.monitoring, input.baseRunDir),
          options,
          input.logger,
        );
    try {
      radio = await startMonitoringRadio(input.monitoring, monitoring, input.logger);
    } catch (error: unknown) {
      await monitoring.close();
      progress?.close();
      throw error;
    }
  }
  return {
    monitoring,
    workerEnv: radio?.env ?? {},
    workerMonitoring:
      radio === undefined ||
      input.monitoring === undefined ||
      !input.monitoring.resourceMonitoringEnabled
        ? undefined
        : {
            url: radio.url,
            key: radio.key,
            intervalSeconds: input.monitoring.resourceMonitoringInterval,
          },
    close: async (summary) => {
      progress?.close();
      await radio?.close();
      await monitoring?.close();
      await tracker?.sendEnd({ endedAt: Date.now(), ...summary });
    },
  };
};
