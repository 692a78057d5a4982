import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NoOpFileStaging } from '../../../src/adapters/staging/NoOpFileStaging.js';
import { File } from '../../../src/domain/staging/File.js';
import {
  describeStagingContract,
  stageOutLikeDataManager,
} from '../../contract/stagingContract.js';

describeStagingContract(
  'NoOpFileStaging',
  async () => {
    const root = await mkdtemp(join(tmpdir(), 'parsl-ts-noop-'));
    return {
      provider: new NoOpFileStaging(),
      createRemote: async (name, content) => {
        await writeFile(join(root, name), content);
        return `file://${join(root, name)}`;
      },
      missingUrl: `file://${join(root, 'missing.txt')}`,
      foreignUrl: 'http://127.0.0.1/a.txt',
      copies: false,
      output: {
        urlFor: (name) => join(root, name),
        read: (url) => readFile(new File(url).path, 'utf8'),
      },
      close: () => rm(root, { recursive: true, force: true }),
    };
  },
  { detectsMissingFiles: false },
);

describe(NoOpFileStaging.name, () => {
  it('treats a bare path as file: and stages it where it is', async () => {
    const root = await mkdtemp(join(tmpdir(), 'parsl-ts-noop-out-'));
    const file = await stageOutLikeDataManager(
      new NoOpFileStaging(),
      new File(join(root, 'o.txt')),
      { executor: 'x', workingDir: '/elsewhere' },
      (p) => writeFile(p, 'o'),
    );
    expect(file.filepath).toBe(join(root, 'o.txt'));
    await rm(root, { recursive: true, force: true });
  });
});
