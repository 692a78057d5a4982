import { mkdir, open, readdir, rename, unlink } from 'node:fs/promises';

/**
 * The file operations a checkpoint write is made of, one call per step, so that tests can stop
 * a write after any step (and tear the data write) to show every crash point is safe.
 */
export interface CheckpointFs {
  mkdirp(path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  /** Creates (or truncates) `path` and writes `bytes`. */
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  /** fsync of a file or a directory. */
  fsync(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

/** The real file system. */
export const nodeCheckpointFs: CheckpointFs = {
  mkdirp: async (path) => {
    await mkdir(path, { recursive: true });
  },
  readdir: (path) => readdir(path),
  writeFile: async (path, bytes) => {
    const handle = await open(path, 'w', 0o644);
    try {
      await handle.writeFile(bytes);
    } finally {
      await handle.close();
    }
  },
  fsync: async (path) => {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => rename(from, to),
  unlink: (path) => unlink(path),
};
