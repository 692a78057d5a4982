// Map-reduce with futures in inputs: doubles of 0..9 summed to 90 (S004 L1074-1100).
import { app, load, type Special, special } from '../src/index.js';

const double = app((x: number) => x * 2);
const sum = app((s: Special<number>) => s.inputs.reduce((a, b) => a + b, 0));

await using _kernel = await load();
const mapped = Array.from({ length: 10 }, (_, i) => double(i));
console.log(`sum of doubles: ${await sum(special({ inputs: mapped }))}`);
