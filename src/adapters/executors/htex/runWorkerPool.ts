import { join } from 'node:path';
import { openHtexLog } from './htexLog.js';
import { computeWorkerCount, detectNode, POOL_HELP, parsePoolArgs } from './poolOptions.js';
import { WorkerPool } from './WorkerPool.js';

/**
 * `parsl-ts worker-pool …`: parses the command line, starts a {@link WorkerPool} and resolves with
 * its exit code (0 drained/shut down, 2 bad usage, 3 refused, 4 interchange lost, 5 unreachable).
 */
export const runWorkerPool = async (argv: readonly string[]): Promise<number> => {
  let options: ReturnType<typeof parsePoolArgs>;
  try {
    options = parsePoolArgs(argv);
  } catch (error: unknown) {
    process.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\n\n${POOL_HELP}\n`,
    );
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${POOL_HELP}\n`);
    return 0;
  }
  const node = detectNode(process.env);
  const workerCount = computeWorkerCount(options, node.cores, node.memoryGb);
  const logPath =
    options.logDir === undefined
      ? undefined
      : join(options.logDir, `block-${options.blockId}`, `${options.managerId}.log`);
  const log = openHtexLog('worker-pool', logPath, options.debug);
  const pool = new WorkerPool(options, workerCount, log);
  const onSignal = (): void => {
    void pool.stop(0, true);
  };
  // `on`, not `once`: a block's cancel repeats SIGTERM, which must not cut the cleanup short.
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  process.on('SIGHUP', onSignal);
  log.info(
    `starting: interchange ${options.addresses.join(',')}:${options.port}, block ${options.blockId}, ${workerCount} workers`,
  );
  return pool.run();
};
