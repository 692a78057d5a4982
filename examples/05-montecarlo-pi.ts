// Monte Carlo pi: three estimates in parallel on worker threads, then their mean (S004 L832-892).
// The run is recorded in runinfo/monitoring.db (SQLite); `npm run visualize` shows it.
import { app, load } from '../src/index.js';

const pi = app((numPoints: number) => {
  let inside = 0;
  for (let i = 0; i < numPoints; i += 1) {
    const x = Math.random();
    const y = Math.random();
    if (x * x + y * y <= 1) inside += 1;
  }
  return (inside * 4) / numPoints;
});
const mean = app((a: number, b: number, c: number) => (a + b + c) / 3);

await using kernel = await load({
  executors: [{ kind: 'thread-pool', label: 'threads', maxThreads: 2 }],
  monitoring: { workflowName: 'monte-carlo-pi' },
});
const [a, b, c] = [pi(10 ** 6), pi(10 ** 6), pi(10 ** 6)];
const average = mean(a, b, c);
console.log(`a: ${(await a).toFixed(5)} b: ${(await b).toFixed(5)} c: ${(await c).toFixed(5)}`);
console.log(`Average: ${(await average).toFixed(5)}`);
console.log(`run directory: ${kernel.runDir}; monitoring database: runinfo/monitoring.db`);
