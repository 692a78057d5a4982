// A staging provider of your own: implement the StagingProvider port and bind it
// (TOKENS.StagingProvider) in a container module passed to load(). It joins the default list
// (file:, ftp:, http(s):), so apps can name `mirror://` files in inputs and outputs like any other.
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ContainerModule } from 'inversify';
import {
  app,
  File,
  load,
  type Special,
  type StagingContext,
  type StagingProvider,
  special,
  TOKENS,
} from '../src/index.js';

/**
 * `mirror://<dataset>/<path>` names a file in a local mirror (say, a replica on a scratch disk):
 * stage-in copies it into the executor's workingDir as a separate staging task; stage-out copies
 * the app's output back into the mirror once the app is done.
 */
class MirrorStaging implements StagingProvider {
  public readonly name = 'MirrorStaging';
  public constructor(private readonly root: string) {}

  public canStageIn(file: File): boolean {
    return file.scheme === 'mirror';
  }

  public canStageOut(file: File): boolean {
    return file.scheme === 'mirror';
  }

  public stageIn(file: File, context: StagingContext, parent?: Promise<unknown>): Promise<void> {
    file.localPath = join(context.workingDir ?? '.', file.filename);
    const destination = file.localPath;
    return (async () => {
      await parent; // the producer of the file, when it came from another app's outputs
      await mkdir(dirname(destination), { recursive: true });
      await copyFile(this.inMirror(file), destination);
    })();
  }

  public stageOut(file: File, context: StagingContext, app: Promise<unknown>): Promise<void> {
    file.localPath = join(context.workingDir ?? '.', file.filename);
    const source = file.localPath;
    return (async () => {
      await app; // stage-out starts after the app wrote the file
      await mkdir(dirname(this.inMirror(file)), { recursive: true });
      await copyFile(source, this.inMirror(file));
    })();
  }

  private inMirror(file: File): string {
    return join(this.root, file.netloc, file.path);
  }
}

const base = await mkdtemp(join(tmpdir(), 'parsl-ts-mirror-'));
const mirror = join(base, 'mirror');
await mkdir(join(mirror, 'genomes'), { recursive: true });
await writeFile(join(mirror, 'genomes', 'reads.txt'), 'gattaca\nacgt\n');

const countLines = app(async (s: Special<File>) => {
  const text = await readFile(s.inputs[0]?.filepath ?? '', 'utf8');
  const lines = text.split('\n').filter(Boolean).length;
  await writeFile(s.outputs[0]?.filepath ?? '', `${lines}\n`);
  return lines;
});

await using _kernel = await load(
  { executors: [{ kind: 'in-process', label: 'local', workingDir: join(base, 'work') }] },
  {
    overrides: [
      new ContainerModule(({ bind }) => {
        bind(TOKENS.StagingProvider).toConstantValue(new MirrorStaging(mirror));
      }),
    ],
  },
);
const future = countLines(
  special({
    inputs: [new File('mirror://genomes/reads.txt')],
    outputs: [new File('mirror://results/line-count.txt')],
  }),
);
const lines = await future;
await future.outputs[0];
const stored = (await readFile(join(mirror, 'results', 'line-count.txt'), 'utf8')).trim();
console.log(`reads.txt has ${lines} lines; mirror://results/line-count.txt holds ${stored}`);
