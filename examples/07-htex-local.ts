// The HighThroughputExecutor on this machine: an interchange process and one block of worker
// pools that the LocalProvider starts. Every task is recorded by monitoring, including resource
// samples of the worker process that runs it (cpu, memory, io); `npm run visualize` shows them.
import Database from 'better-sqlite3';
import { app, bashApp, load } from '../src/index.js';

// Self-contained functions travel to the workers by value (their source text).
const busy = app((ms: number) => {
  const end = Date.now() + ms;
  let spins = 0;
  while (Date.now() < end) spins += 1;
  return { pid: process.pid, rank: Number(process.env['PARSL_WORKER_RANK']), spins };
});
const hostname = bashApp(() => 'hostname');

await using kernel = await load({
  executors: [
    {
      kind: 'htex',
      label: 'htex_local',
      maxWorkers: 2,
      provider: { kind: 'local', initBlocks: 1, maxBlocks: 1, launcher: { kind: 'single-node' } },
    },
  ],
  monitoring: { workflowName: 'htex-local', resourceMonitoringInterval: 0.25 },
});

const results = await Promise.all([busy(600), busy(600), busy(600), busy(600)]);
for (const [i, r] of results.entries())
  console.log(`task ${i}: worker rank ${r.rank} (pid ${r.pid}) spun ${r.spins} times`);
console.log(`workers used: ${new Set(results.map((r) => r.pid)).size}`);
console.log(`bash app exit code: ${await hostname()}`);
await kernel.cleanup();

const db = new Database('runinfo/monitoring.db', { readonly: true });
const row = db
  .prepare(
    'SELECT COUNT(*) AS samples, COUNT(DISTINCT task_id) AS tasks FROM resource WHERE run_id = ?',
  )
  .get(kernel.runId) as { samples: number; tasks: number };
db.close();
console.log(`resource samples: ${row.samples} for ${row.tasks} tasks (runinfo/monitoring.db)`);
