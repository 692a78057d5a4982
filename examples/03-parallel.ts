// A parallel loop: five 1 s tasks finish in about 1 s on five threads, not 5 s (S004 L746-763).
import { app, load } from '../src/index.js';

const generate = app(async (limit: number, delaySeconds: number) => {
  await new Promise((resolve) => setTimeout(resolve, delaySeconds * 1000));
  return 1 + Math.floor(Math.random() * limit);
});

await using kernel = await load({
  executors: [{ kind: 'thread-pool', label: 'threads', maxThreads: 5 }],
});
const started = Date.now();
const futures = Array.from({ length: 5 }, () => generate(10, 1));
const numbers = await Promise.all(futures);
console.log(
  `numbers ${numbers.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s (serial would take 5 s)`,
);
console.log(`run directory: ${kernel.runDir}`);
