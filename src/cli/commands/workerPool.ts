import { runWorkerPool } from '../../adapters/executors/htex/runWorkerPool.js';

/** `parsl-ts worker-pool --addresses H --port P …`: runs a HighThroughputExecutor worker pool (see --help). */
export const run = (argv: string[]): Promise<number> => runWorkerPool(argv);
