import { availableParallelism, freemem } from 'node:os';
import { parseArgs } from 'node:util';

/** Settings of a worker pool (one per node of a block), from its command line. */
export interface PoolOptions {
  /** Interchange addresses to try, first reachable wins. */
  readonly addresses: readonly string[];
  readonly port: number;
  readonly blockId: string;
  readonly managerId: string;
  readonly maxWorkers: number;
  readonly coresPerWorker: number;
  readonly memPerWorker: number | undefined;
  readonly prefetchCapacity: number;
  /** Seconds. */
  readonly heartbeatPeriod: number;
  /** Seconds. */
  readonly heartbeatThreshold: number;
  /** Seconds after start at which the pool asks to be drained; absent = never. */
  readonly drainPeriod: number | undefined;
  readonly certDir: string | undefined;
  readonly logDir: string | undefined;
  readonly debug: boolean;
  readonly workingDir: string | undefined;
  /** Seconds to wait for an interchange address to answer. */
  readonly probeTimeout: number;
  /** `ipc://` endpoint of the interchange, used instead of TCP when this host is `ipcHost`. */
  readonly ipc: string | undefined;
  readonly ipcHost: string | undefined;
}

export const POOL_HELP = `Usage: parsl-ts worker-pool --addresses HOST[,HOST...] --port PORT [options]

Starts a HighThroughputExecutor worker pool: connects to the interchange, registers (versions are
checked), starts worker processes and runs the tasks it is sent. Providers run this in each block.

Options:
  --addresses LIST          interchange host(s), comma separated; first that answers wins (required)
  --port N                  interchange worker port (required)
  --block-id ID             block this pool belongs to (default: 0)
  --manager-id ID           unique pool id (default: random)
  --max-workers N           cap on workers (default: unlimited)
  --cores-per-worker X      cores per worker; workers = floor(cores / X) (default: 1)
  --mem-per-worker GB       memory per worker; limits workers to free memory / GB (default: none)
  --prefetch-capacity N     tasks fetched beyond the worker count (default: 0)
  --heartbeat-period S      seconds between heartbeats (default: 30)
  --heartbeat-threshold S   seconds of interchange silence before the pool exits (default: 120)
  --drain-period S          ask to be drained this many seconds after start (default: never)
  --cert-dir DIR            CurveZMQ keys made by the executor (encrypted links)
  --logdir DIR              log to DIR/block-<id>/<manager-id>.log (default: stderr)
  --debug                   debug logging
  --working-dir DIR         working directory of the workers
  --probe-timeout S         seconds to wait for an address to answer (default: 30)
  --ipc ENDPOINT            interchange ipc:// endpoint, used instead of TCP on --ipc-host
  --ipc-host HOST           host name where --ipc is reachable (the executor's host)
  -h, --help                show this help

Core and memory detection honour PARSL_CORES and PARSL_MEMORY_GB. Each worker gets
PARSL_WORKER_RANK, PARSL_WORKER_COUNT, PARSL_WORKER_POOL_ID and PARSL_WORKER_BLOCK_ID.`;

/**
 * Parses a pool command line.
 * @throws {Error} naming the bad flag and how to fix it
 */
export const parsePoolArgs = (argv: readonly string[]): PoolOptions | 'help' => {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      addresses: { type: 'string' },
      port: { type: 'string' },
      'block-id': { type: 'string', default: '0' },
      'manager-id': { type: 'string' },
      'max-workers': { type: 'string' },
      'cores-per-worker': { type: 'string', default: '1' },
      'mem-per-worker': { type: 'string' },
      'prefetch-capacity': { type: 'string', default: '0' },
      'heartbeat-period': { type: 'string', default: '30' },
      'heartbeat-threshold': { type: 'string', default: '120' },
      'drain-period': { type: 'string' },
      'cert-dir': { type: 'string' },
      logdir: { type: 'string' },
      debug: { type: 'boolean', default: false },
      'working-dir': { type: 'string' },
      'probe-timeout': { type: 'string', default: '30' },
      ipc: { type: 'string' },
      'ipc-host': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  if (values.addresses === undefined || values.addresses === '') {
    throw new Error(
      'worker-pool: --addresses is required (the interchange host, e.g. --addresses 127.0.0.1)',
    );
  }
  const num = (flag: string, text: string | undefined, min: number): number | undefined => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isFinite(value) || value < min) {
      throw new Error(
        `worker-pool: --${flag} must be a number >= ${min} (got ${JSON.stringify(text)})`,
      );
    }
    return value;
  };
  const port = num('port', values.port, 1);
  if (port === undefined)
    throw new Error('worker-pool: --port is required (the interchange worker port)');
  return {
    addresses: values.addresses
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== ''),
    port,
    blockId: values['block-id'],
    managerId:
      values['manager-id'] ?? `pool-${process.pid}-${Math.random().toString(36).slice(2, 10)}`,
    maxWorkers: num('max-workers', values['max-workers'], 1) ?? Number.POSITIVE_INFINITY,
    coresPerWorker: num('cores-per-worker', values['cores-per-worker'], 0.001) ?? 1,
    memPerWorker: num('mem-per-worker', values['mem-per-worker'], 0.001),
    prefetchCapacity: num('prefetch-capacity', values['prefetch-capacity'], 0) ?? 0,
    heartbeatPeriod: num('heartbeat-period', values['heartbeat-period'], 0.01) ?? 30,
    heartbeatThreshold: num('heartbeat-threshold', values['heartbeat-threshold'], 0.01) ?? 120,
    drainPeriod: num('drain-period', values['drain-period'], 0),
    certDir: values['cert-dir'],
    logDir: values.logdir,
    debug: values.debug,
    workingDir: values['working-dir'],
    probeTimeout: num('probe-timeout', values['probe-timeout'], 0.01) ?? 30,
    ipc: values.ipc,
    ipcHost: values['ipc-host'],
  };
};

/**
 * Workers per pool: min(maxWorkers, floor(cores / coresPerWorker), floor(memGB / memPerWorker)),
 * at least 1. Parsl: process_worker_pool.Manager.__init__
 */
export const computeWorkerCount = (
  options: Pick<PoolOptions, 'maxWorkers' | 'coresPerWorker' | 'memPerWorker'>,
  cores: number,
  memoryGb: number,
): number => {
  let count = Math.min(options.maxWorkers, Math.floor(cores / options.coresPerWorker));
  if (options.memPerWorker !== undefined && options.memPerWorker > 0) {
    count = Math.min(count, Math.floor(memoryGb / options.memPerWorker));
  }
  return Math.max(1, count);
};

/** Cores and free memory of this node, overridden by PARSL_CORES / PARSL_MEMORY_GB. */
export const detectNode = (env: NodeJS.ProcessEnv): { cores: number; memoryGb: number } => {
  const cores = Number(env['PARSL_CORES']);
  const memory = Number(env['PARSL_MEMORY_GB']);
  return {
    cores: Number.isFinite(cores) && cores > 0 ? cores : availableParallelism(),
    memoryGb: Number.isFinite(memory) && memory > 0 ? memory : freemem() / 1024 ** 3,
  };
};
