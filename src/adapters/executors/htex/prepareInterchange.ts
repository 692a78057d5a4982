import { join } from 'node:path';
import type { WorkerMonitoringTarget } from '../../../ports/Executor.js';
import type { HighThroughputExecutorOptions } from '../HighThroughputExecutor.js';
import { createCurveKeys } from './curveKeys.js';
import { findFreePort } from './findFreePort.js';
import { InterchangeClient, type InterchangeClientHandlers } from './InterchangeClient.js';
import { isLoopbackAddress, poolBindHost } from './poolCommand.js';

/** The executor options that shape its interchange. */
export type InterchangeOptions = Pick<
  HighThroughputExecutorOptions,
  | 'address'
  | 'encrypted'
  | 'workerPorts'
  | 'workerPortRange'
  | 'interchangePortRange'
  | 'workerDebug'
>;

/** What one executor run decided for its interchange before starting it. */
export interface PreparedInterchange {
  /** Not started yet: the first blocks start while it does. */
  readonly client: InterchangeClient;
  /** Port the pools connect to. */
  readonly workerPort: number;
  /** Folder with the CurveZMQ keys; absent = no encryption. */
  readonly certDir: string | undefined;
}

/** Where and how one executor run's interchange lives. */
export interface InterchangeRun {
  readonly logDir: string;
  /** Folder for the ipc sockets (made by the executor, removed by it). */
  readonly ipcDir: string;
  readonly heartbeatPeriod: number;
  readonly heartbeatThreshold: number;
  readonly monitoring: WorkerMonitoringTarget | undefined;
}

/**
 * The first half of HTEX's start: makes the CurveZMQ keys when the link is encrypted, picks the
 * pools' port and builds the client that will spawn the interchange (nothing is spawned yet).
 * Parsl: HighThroughputExecutor.start (before _start_local_interchange_process)
 */
export const prepareInterchange = async (
  options: InterchangeOptions,
  run: InterchangeRun,
  handlers: InterchangeClientHandlers,
): Promise<PreparedInterchange> => {
  const address = options.address ?? '127.0.0.1';
  const encrypted = options.encrypted ?? !isLoopbackAddress(address);
  const certDir = encrypted ? join(run.logDir, 'certificates') : undefined;
  if (certDir !== undefined) await createCurveKeys(certDir);
  const workerHost = poolBindHost(address);
  const workerPortRange = options.workerPortRange ?? [54000, 55000];
  const workerPort = options.workerPorts?.[0] ?? (await findFreePort(workerHost, workerPortRange));
  const client = new InterchangeClient(
    {
      clientHost: '127.0.0.1',
      interchangePortRange: options.interchangePortRange ?? [55000, 56000],
      workerHost,
      workerPortRange,
      workerPort,
      heartbeatThreshold: run.heartbeatThreshold,
      logFile: join(run.logDir, 'interchange.log'),
      debug: options.workerDebug ?? false,
      ipcDir: run.ipcDir,
      ...(certDir === undefined ? {} : { certDir }),
      ...(run.monitoring === undefined ? {} : { monitoring: run.monitoring }),
    },
    {
      heartbeatPeriod: run.heartbeatPeriod,
      heartbeatThreshold: run.heartbeatThreshold,
      startTimeout: 30,
    },
    handlers,
  );
  return { client, workerPort, certDir };
};
