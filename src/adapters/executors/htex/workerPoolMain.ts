import { runWorkerPool } from './runWorkerPool.js';

/* Entry point of a worker pool process (what a provider starts in each block). */
process.exitCode = await runWorkerPool(process.argv.slice(2));
setTimeout(() => process.exit(), 100).unref();
