// A sequential workflow: one app's future feeds a bash app (S004 L703-723).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, bashApp, load, type Special, special } from '../src/index.js';

const generate = app((limit: number) => 1 + Math.floor(Math.random() * limit));
const save = bashApp((value: number, s: Special) => `echo ${value} &> ${s.outputs[0]}`);

await using kernel = await load();
const random = generate(10);
const saved = save(random, special({ outputs: [join(kernel.runDir, 'sequential-output.txt')] }));
const file = await saved.outputs[0];
console.log(
  `random number ${await random} saved: ${readFileSync(file?.filepath ?? '', 'utf8').trim()}`,
);
