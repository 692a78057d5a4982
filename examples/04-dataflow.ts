// Parallel dataflow with files: five apps write random numbers, a bash app concatenates them, a
// function app totals them (S004 L786-816).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, bashApp, type File, load, type Special, special } from '../src/index.js';

const generate = bashApp((s: Special) => `echo $(( RANDOM % 100 )) &> ${s.outputs[0]}`);
const concat = bashApp((s: Special) => `cat ${s.inputs.join(' ')} > ${s.outputs[0]}`);
const total = app((s: Special<File>) => {
  const { readFileSync: read } = process.getBuiltinModule('node:fs') as typeof import('node:fs');
  return read(s.inputs[0]?.filepath ?? '', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .reduce((a, b) => a + b, 0);
});

await using kernel = await load();
const dir = kernel.runDir;
const outputs = Array.from({ length: 5 }, (_, i) =>
  generate(special({ outputs: [join(dir, `random-${i}.txt`)] })),
);
const all = concat(
  special({ inputs: outputs.map((o) => o.outputs[0]), outputs: [join(dir, 'all.txt')] }),
);
const sum = total(special({ inputs: all.outputs }));
const totalValue = await sum;
const numbers = readFileSync(join(dir, 'all.txt'), 'utf8').split('\n').filter(Boolean);
console.log(`numbers: ${numbers.join(' + ')} = ${totalValue}`);
