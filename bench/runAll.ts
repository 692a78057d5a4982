// `npm run bench`: runs every dist/bench/*Bench.js one after another in its own process (so one
// benchmark's heap and threads do not disturb the next) and passes their JSON lines through.
// Arguments (e.g. --quick) are handed to each benchmark. Progress goes to stderr.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const benches = readdirSync(dir)
  .filter((name) => name.endsWith('Bench.js'))
  .sort((a, b) => (a === 'kernelBench.js' ? -1 : b === 'kernelBench.js' ? 1 : a.localeCompare(b)));
let failed = 0;
for (const name of benches) {
  process.stderr.write(`bench: ${name}\n`);
  const result = spawnSync(process.execPath, [join(dir, name), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    failed += 1;
    process.stderr.write(`bench: ${name} exited with ${result.status ?? result.signal}\n`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
