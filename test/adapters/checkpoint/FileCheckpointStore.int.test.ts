import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileCheckpointStore } from '../../../src/adapters/checkpoint/FileCheckpointStore.js';
import {
  type CheckpointFs,
  nodeCheckpointFs,
} from '../../../src/adapters/checkpoint/file/checkpointFs.js';
import { sourceLoaderUrl } from '../../../src/adapters/system/typeScriptSourceLoader.js';
import { BadCheckpoint } from '../../../src/domain/errors/KernelErrors.js';
import { CheckpointWriteError } from '../../../src/domain/errors/MemoErrors.js';
import type { CheckpointRecord } from '../../../src/ports/CheckpointStore.js';
import { describeCheckpointStoreContract } from '../../contract/checkpointStoreContract.js';
import { tempDir } from '../../support/tempRunDir.js';

const clock = { now: () => 1_700_000_000_000 };

describeCheckpointStoreContract(FileCheckpointStore.name, async () => {
  const runDir = tempDir('ckpt-contract-');
  return {
    store: new FileCheckpointStore({ runDir }, clock),
    runDir,
    reopen: () => new FileCheckpointStore({ runDir }, clock),
    cleanup: async () => rmSync(runDir, { recursive: true, force: true }),
  };
});

const records = (n: number, from = 0): CheckpointRecord[] =>
  Array.from({ length: n }, (_, i) => ({
    key: `k${from + i}`,
    appName: 'app',
    taskId: from + i,
    completedAt: 1,
    value: { i: from + i, big: 10n },
  }));

const badCheckpointOf = async (
  store: FileCheckpointStore,
  path: string,
): Promise<BadCheckpoint> => {
  const error = await store.load([path]).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof BadCheckpoint))
    throw new Error(`expected BadCheckpoint, got ${String(error)}`);
  return error;
};

describe(FileCheckpointStore.name, () => {
  const dirs: string[] = [];
  const fresh = (): { runDir: string; store: FileCheckpointStore } => {
    const runDir = tempDir('ckpt-');
    dirs.push(runDir);
    return { runDir, store: new FileCheckpointStore({ runDir }, clock) };
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  describe('.write', () => {
    it('names checkpoints by sequence and leaves no temp file behind', async () => {
      const { store } = fresh();
      await store.write(records(2));
      await store.write(records(1, 2));
      expect(readdirSync(store.directory).sort()).toEqual(['000001.ckpt', '000002.ckpt']);
    });

    it('writes a versioned header, one line per record and a checksummed trailer', async () => {
      const { store } = fresh();
      const { file } = await store.write(records(2));
      const lines = readFileSync(file ?? '', 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines[0]).toEqual({
        format: 'parsl-ts-checkpoint',
        version: 1,
        createdAt: clock.now(),
        records: 2,
      });
      expect(lines[1]).toEqual({
        key: 'k0',
        app: 'app',
        task: 0,
        at: 1,
        value: { i: 0, big: { $t: 'big', v: '10' } },
      });
      expect(lines[3]).toMatchObject({ end: 2, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    });

    it('throws CheckpointWriteError when the directory cannot be made', async () => {
      const { runDir } = fresh();
      const blocker = join(runDir, 'not-a-dir');
      writeFileSync(blocker, 'x');
      const store = new FileCheckpointStore({ runDir: blocker }, clock);
      await expect(store.write(records(1))).rejects.toThrow(CheckpointWriteError);
    });
  });

  describe('.load of a damaged checkpoint', () => {
    it('throws BadCheckpoint for every truncation of a file, never a partial result', async () => {
      const { store } = fresh();
      const { file = '' } = await store.write(records(3));
      const bytes = readFileSync(file);
      for (let length = 0; length < bytes.length; length++) {
        writeFileSync(file, bytes.subarray(0, length));
        const error = await badCheckpointOf(store, file);
        expect(error.file).toBe(file);
        expect(error.position).toBeLessThanOrEqual(length);
      }
    });

    it('gives the byte position of a line that is not JSON', async () => {
      const { store } = fresh();
      const { file = '' } = await store.write(records(3));
      const text = readFileSync(file, 'utf8');
      const secondRecord = text.indexOf('\n', text.indexOf('\n') + 1) + 1;
      writeFileSync(file, `${text.slice(0, secondRecord)}{oops${text.slice(secondRecord + 5)}`);
      const error = await badCheckpointOf(store, file);
      expect(error.position).toBe(secondRecord);
      expect(error.message).toContain(`checkpoint ${file} at byte ${secondRecord}`);
    });

    it('detects a changed value through the checksum', async () => {
      const { store } = fresh();
      const { file = '' } = await store.write(records(3));
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.replace('"i":1', '"i":7'));
      const error = await badCheckpointOf(store, file);
      expect(error.message).toMatch(/checksum mismatch/);
      expect(error.position).toBe(text.lastIndexOf('{"end"'));
    });

    it('refuses a file from a newer format version with an upgrade hint', async () => {
      const { store } = fresh();
      const { file = '' } = await store.write(records(1));
      writeFileSync(file, readFileSync(file, 'utf8').replace('"version":1', '"version":2'));
      expect((await badCheckpointOf(store, file)).message).toMatch(
        /version 2 is newer.*upgrade parsl-ts/,
      );
    });

    it('refuses a file that is not a checkpoint at all', async () => {
      const { runDir, store } = fresh();
      const other = join(runDir, 'notes.txt');
      writeFileSync(other, 'hello\nworld\n');
      expect((await badCheckpointOf(store, other)).position).toBe(0);
    });

    it('loads nothing when one of several paths is damaged', async () => {
      const good = fresh();
      const bad = fresh();
      await good.store.write(records(1));
      const { file = '' } = await bad.store.write(records(1));
      writeFileSync(file, 'garbage');
      await expect(good.store.load([good.runDir, bad.runDir])).rejects.toThrow(BadCheckpoint);
    });

    it('ignores temp files a crash left behind', async () => {
      const { store } = fresh();
      await store.write(records(1));
      writeFileSync(
        join(store.directory, `.000002.ckpt.${process.pid}.tmp`),
        '{"format":"parsl-ts-chec',
      );
      expect(await store.load([store.directory])).toHaveLength(1);
    });
  });

  describe('crash safety', () => {
    /** The real file system until armed; then the process "dies" at op `crashAt` (a write is torn in half). */
    class CrashingFs implements CheckpointFs {
      public ops: string[] = [];
      private crashAt = Number.POSITIVE_INFINITY;
      private step = () => {
        if (this.ops.length - 1 >= this.crashAt) throw new Error('crashed');
      };
      public arm(crashAt: number): void {
        this.crashAt = crashAt;
        this.ops = [];
      }
      public async mkdirp(path: string) {
        this.ops.push('mkdirp');
        this.step();
        await nodeCheckpointFs.mkdirp(path);
      }
      public async readdir(path: string) {
        this.ops.push('readdir');
        this.step();
        return nodeCheckpointFs.readdir(path);
      }
      public async writeFile(path: string, bytes: Uint8Array) {
        this.ops.push('writeFile');
        if (this.ops.length - 1 === this.crashAt)
          await nodeCheckpointFs.writeFile(path, bytes.subarray(0, bytes.length >> 1));
        this.step();
        await nodeCheckpointFs.writeFile(path, bytes);
      }
      public async fsync(path: string) {
        this.ops.push('fsync');
        this.step();
        await nodeCheckpointFs.fsync(path);
      }
      public async rename(from: string, to: string) {
        this.ops.push('rename');
        this.step();
        await nodeCheckpointFs.rename(from, to);
      }
      public async unlink(path: string) {
        this.ops.push('unlink');
        this.step();
        await nodeCheckpointFs.unlink(path);
      }
    }

    it.each([0, 1, 2, 3])(
      'a crash at step %i of a write leaves the previous checkpoints or the new one',
      async (crashAt) => {
        const { runDir } = fresh();
        const fs = new CrashingFs();
        const store = new FileCheckpointStore({ runDir }, clock, fs);
        await store.write(records(2));
        fs.arm(crashAt);
        await expect(store.write(records(2, 2))).rejects.toThrow(CheckpointWriteError);
        const loaded = (await new FileCheckpointStore({ runDir }, clock).load([runDir])).map(
          (r) => r.taskId,
        );
        expect(fs.ops[crashAt]).toBe(['writeFile', 'fsync', 'rename', 'fsync'][crashAt]);
        expect(loaded).toEqual(crashAt < 3 ? [0, 1] : [0, 1, 2, 3]);
      },
    );

    const killWriterAfter = (runDir: string, delayMs: number): Promise<number> =>
      new Promise((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [
            '--import',
            sourceLoaderUrl('test'),
            join(import.meta.dirname, 'fixtures', 'checkpointWriter.ts'),
            runDir,
          ],
          {
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let out = '';
        let err = '';
        let timer: NodeJS.Timeout | undefined;
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          timer ??= setTimeout(() => child.kill('SIGKILL'), delayMs);
        });
        child.stderr.on('data', (chunk: Buffer) => {
          err += chunk.toString();
        });
        child.on('exit', (_code, signal) => {
          if (timer !== undefined) clearTimeout(timer);
          if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own: ${err}`));
          else resolve(out.split('\n').filter((l) => l.startsWith('wrote ')).length);
        });
      });

    it.each([0, 11, 23, 61, 150])(
      'a writer killed with SIGKILL %i ms into its writes leaves only whole checkpoints',
      async (delayMs) => {
        const { runDir, store } = fresh();
        const acknowledged = await killWriterAfter(runDir, delayMs);
        const loaded = await store.load([runDir]);
        expect(loaded.length % 20).toBe(0);
        const checkpoints = loaded.length / 20;
        expect(checkpoints).toBeGreaterThanOrEqual(acknowledged);
        expect(loaded.map((r) => r.taskId)).toEqual(
          Array.from({ length: loaded.length }, (_, i) => i),
        );
        await store.write(records(1, 10_000));
        expect(await store.load([runDir])).toHaveLength(loaded.length + 1);
      },
    );
  });
});
