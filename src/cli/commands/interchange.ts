import { runInterchange } from '../../adapters/executors/htex/runInterchange.js';

/** `parsl-ts interchange [--config FILE]`: runs a HighThroughputExecutor interchange (see --help). */
export const run = (argv: string[]): Promise<number> => runInterchange(argv);
