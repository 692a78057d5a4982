import { runInterchange } from './runInterchange.js';

/* Entry point of the interchange process (started by HighThroughputExecutor.start). */
process.exitCode = await runInterchange(process.argv.slice(2));
setTimeout(() => process.exit(), 100).unref();
