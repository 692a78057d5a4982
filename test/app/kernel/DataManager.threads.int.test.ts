import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  app,
  bashApp,
  type DataFlowKernel,
  File,
  type Special,
  special,
} from '../../../src/index.js';
import { FileHttpServer } from '../../support/FileHttpServer.js';
import { tempDir } from '../../support/tempRunDir.js';
import { loadTestKernel } from '../../support/testKernel.js';

let kernel: DataFlowKernel | undefined;
afterEach(async () => {
  await kernel?.cleanup({ abort: true });
  kernel = undefined;
});

describe('in-task staging on worker threads (thread-pool executor)', () => {
  it('runs the download inside the worker thread, then the shipped app, for function and bash apps', async () => {
    const root = tempDir();
    const server = await FileHttpServer.start(root);
    await writeFile(join(root, 'w.txt'), 'threads');
    const workingDir = join(root, 'worker');
    kernel = await loadTestKernel({
      executors: [
        {
          kind: 'thread-pool',
          label: 'threads',
          maxThreads: 2,
          workingDir,
          storageAccess: [{ kind: 'http-in-task' }],
        },
      ],
    });
    const length = app(
      (s: Special<File>) => {
        // Shipped by value to the worker thread: no imports, only globals.
        const fs = process.getBuiltinModule('node:fs');
        const { isMainThread } = process.getBuiltinModule('node:worker_threads');
        return [fs.readFileSync(s.inputs[0]?.filepath ?? '', 'utf8').length, isMainThread];
      },
      { kernel },
    );
    // The staged wrapper (steps, then the app) ran in a worker thread, not on the kernel's thread.
    expect(await length(special({ inputs: [new File(server.url('w.txt'))] }))).toEqual([7, false]);
    const cat = bashApp((s: Special) => `cat ${s.inputs[0]}`, { kernel });
    expect(
      await cat(
        special({ inputs: [new File(server.url('w.txt'))], stdout: join(root, 'out.txt') }),
      ),
    ).toBe(0);
    await server.close();
  });
});
