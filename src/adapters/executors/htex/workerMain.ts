import { runWorker } from './runWorker.js';

/* Entry point of one HTEX worker process (started by its worker pool). */
const code = await runWorker(process.argv.slice(2));
process.exit(code);
