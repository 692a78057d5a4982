// Hello world: a function app and a bash app (Parsl tutorial, S004 L354-438).
import { join } from 'node:path';
import { app, bashApp, load, type Special, special } from '../src/index.js';

const hello = app(() => 'Hello World!');
const multiply = app((a: number, b: number) => a * b);
const echoHello = bashApp((_s: Special) => 'echo Hello World!');

await using kernel = await load();
console.log(await hello());
console.log(`5 x 9 = ${await multiply(5, 9)}`);
const stdout = join(kernel.runDir, 'echo-hello.stdout');
await echoHello(special({ stdout, stderr: join(kernel.runDir, 'echo-hello.stderr') }));
console.log(`bash app wrote: ${(await import('node:fs')).readFileSync(stdout, 'utf8').trim()}`);
