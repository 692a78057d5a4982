import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { arenaReader } from '../../../../src/adapters/executors/htex/arenaReader.js';
import { PipeLink } from '../../../../src/adapters/executors/htex/PipeLink.js';

describe('PipeLink over a Unix socket', () => {
  it('reads a real socket into arenas: big frames arrive whole, most of them without a copy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipelink-'));
    const path = join(dir, 's.sock');
    const got: Buffer[][] = [];
    const reader = arenaReader();
    const server = createServer((socket) => {
      const sender = new PipeLink(
        socket,
        () => undefined,
        () => undefined,
      );
      for (let i = 0; i < 40; i += 1)
        void sender.send([Buffer.from(`h${i}`), Buffer.alloc(100_000, i)]);
    });
    await new Promise<void>((resolve) => server.listen(path, resolve));
    const client = connect({ path, onread: reader.onread });
    const link = new PipeLink(
      client,
      (frames) => got.push(frames),
      () => undefined,
      reader,
    );
    try {
      await vi.waitFor(() => expect(got).toHaveLength(40), { timeout: 5000 });
      got.forEach((frames, i) => {
        expect(frames[0]?.toString()).toBe(`h${i}`);
        expect(frames[1]?.equals(Buffer.alloc(100_000, i))).toBe(true);
      });
      // Views of a 4 MiB arena, not 100 kB copies of their own.
      const views = got.filter((frames) => (frames[1]?.buffer.byteLength ?? 0) > 1_000_000);
      expect(views.length).toBeGreaterThan(got.length / 2);
    } finally {
      link.close();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
