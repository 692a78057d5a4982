import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AppBadFormatting,
  AppFailure,
  AppTimeout,
  AUTO_LOGNAME,
  BashAppNoReturn,
  bashApp,
  type DataFlowKernel,
  MissingOutputs,
  type Special,
  special,
} from '../../../src/index.js';
import { tempDir } from '../../support/tempRunDir.js';
import { loadTestKernel } from '../../support/testKernel.js';

let kernel: DataFlowKernel;
afterEach(async () => {
  await kernel?.cleanup({ abort: true });
});

describe('bash apps', () => {
  it('runs the returned command with stdout and stderr sent to files (seeds E4/E17)', async () => {
    kernel = await loadTestKernel();
    const dir = tempDir();
    const echo = bashApp((_s: Special) => 'echo Hello World!; echo oops >&2', { kernel });
    const future = echo(
      special({ stdout: join(dir, 'out', 'std.out'), stderr: join(dir, 'std.err') }),
    );
    expect(await future).toBe(0);
    expect(readFileSync(join(dir, 'out', 'std.out'), 'utf8')).toBe('Hello World!\n');
    expect(readFileSync(join(dir, 'std.err'), 'utf8')).toBe('oops\n');
    expect(future.stdout).toBe(join(dir, 'out', 'std.out'));
  });

  it('appends with mode "a"', async () => {
    kernel = await loadTestKernel();
    const dir = tempDir();
    const out = join(dir, 'log.txt');
    writeFileSync(out, 'first\n');
    const echo = bashApp((_s: Special) => 'echo second', { kernel });
    await echo(special({ stdout: [out, 'a'] }));
    expect(readFileSync(out, 'utf8')).toBe('first\nsecond\n');
  });

  it('names AUTO_LOGNAME files after the task and label (seed E18)', async () => {
    kernel = await loadTestKernel();
    const echo = bashApp(
      (greeting: string, s: Special<string>) => `echo ${greeting} ${s.inputs.join(' ')}`,
      { kernel, name: 'echo' },
    );
    const future = echo(
      'Hello',
      special({ inputs: ['World', '!'], stdout: AUTO_LOGNAME, label: 'greet' }),
    );
    await future;
    expect(future.stdout).toMatch(/task_logs\/0000\/task_0000_echo_greet\.stdout$/);
    expect(readFileSync(future.stdout ?? '', 'utf8')).toBe('Hello World !\n');
  });

  it('fails with AppFailure carrying the exit code', async () => {
    kernel = await loadTestKernel();
    const fail = bashApp(() => 'exit 3', { kernel });
    const error = await fail().exception();
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).exitCode).toBe(3);
    expect((error as AppFailure).message).toMatch(/exit code 3/);
  });

  it('fails with BashAppNoReturn when no command is returned', async () => {
    kernel = await loadTestKernel();
    const none = bashApp(() => undefined, { kernel, name: 'silent' });
    const error = await none().exception();
    expect(error).toBeInstanceOf(BashAppNoReturn);
    expect((error as BashAppNoReturn).exitCode).toBe(-21);
  });

  it('fails with AppBadFormatting when building the command throws', async () => {
    kernel = await loadTestKernel();
    const broken = bashApp((s: Special) => `cat ${(s.inputs[5] as { path: string }).path}`, {
      kernel,
      name: 'broken',
    });
    const error = await broken(special({ inputs: [] })).exception();
    expect(error).toBeInstanceOf(AppBadFormatting);
    expect(String(error)).toMatch(/bashApp broken/);
  });

  it('kills the whole process group at the walltime (AppTimeout)', async () => {
    kernel = await loadTestKernel();
    const dir = tempDir();
    const marker = join(dir, 'child-survived');
    const sleepy = bashApp(() => `(sleep 1.5; touch ${marker}) & sleep 30`, {
      kernel,
      walltime: 0.3,
    });
    await expect(sleepy()).rejects.toBeInstanceOf(AppTimeout);
    await new Promise((resolve) => setTimeout(resolve, 1800));
    expect(existsSync(marker)).toBe(false);
  });

  it('fails with MissingOutputs naming the files it did not make', async () => {
    kernel = await loadTestKernel();
    const dir = tempDir();
    const made = join(dir, 'made.txt');
    const missing = join(dir, 'missing.txt');
    const lazy = bashApp((s: Special) => `touch ${s.outputs[0]}`, { kernel });
    const error = (await lazy(special({ outputs: [made, missing] })).exception()) as MissingOutputs;
    expect(error).toBeInstanceOf(MissingOutputs);
    expect(error.outputs).toEqual([missing]);
  });

  it('gives DataFutures for outputs that a later app can wait on (seed E5)', async () => {
    kernel = await loadTestKernel();
    const dir = tempDir();
    const write = bashApp((text: string, s: Special) => `echo ${text} > ${s.outputs[0]}`, {
      kernel,
    });
    const cat = bashApp((s: Special) => `cat ${s.inputs.join(' ')} > ${s.outputs[0]}`, { kernel });
    const parts = [0, 1, 2].map((i) =>
      write(`hello-${i}`, special({ outputs: [join(dir, `hello-${i}.txt`)] })),
    );
    const all = cat(
      special({ inputs: parts.map((p) => p.outputs[0]), outputs: [join(dir, 'all.txt')] }),
    );
    const file = await all.outputs[0];
    expect(readFileSync(file?.filepath ?? '', 'utf8')).toBe('hello-0\nhello-1\nhello-2\n');
  });
});
