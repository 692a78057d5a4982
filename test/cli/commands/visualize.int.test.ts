import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TypeOrmMonitoringStore } from '../../../src/adapters/monitoring/TypeOrmMonitoringStore.js';
import { isLoopback, parseVisualizeArgs, run } from '../../../src/cli/commands/visualize.js';
import { MonitoringFixtures as F } from '../../fixtures/MonitoringFixtures.js';

const capture = () => {
  const out: string[] = [];
  return { out, stream: { write: (t: string) => out.push(t) } };
};

describe('parsl-ts visualize', () => {
  describe(parseVisualizeArgs.name, () => {
    it('defaults to runinfo/monitoring.db on 127.0.0.1:8080 (S004 L4252)', () => {
      expect(parseVisualizeArgs([])).toEqual({
        database: 'sqlite:///runinfo/monitoring.db',
        listen: '127.0.0.1',
        port: 8080,
      });
    });

    it('takes a database URL and --listen/--port', () => {
      expect(
        parseVisualizeArgs(['sqlite:////tmp/monitoring.db', '--port', '55555', '--listen', '::1']),
      ).toEqual({
        database: 'sqlite:////tmp/monitoring.db',
        listen: '::1',
        port: 55555,
      });
    });

    it('refuses a non-loopback address without --allow-remote', () => {
      expect(() => parseVisualizeArgs(['--listen', '0.0.0.0'])).toThrow(/Add --allow-remote/);
      expect(parseVisualizeArgs(['--listen', '0.0.0.0', '--allow-remote'])).toMatchObject({
        listen: '0.0.0.0',
      });
    });

    it('rejects a bad port and a bad URL', () => {
      expect(() => parseVisualizeArgs(['--port', 'http'])).toThrow(/--port must be an integer/);
      expect(() => parseVisualizeArgs(['mysql://h/db'])).toThrow(
        /DATABASE_URL: unsupported database scheme/,
      );
    });
  });

  describe(isLoopback.name, () => {
    it.each([
      ['127.0.0.1', true],
      ['127.1.2.3', true],
      ['::1', true],
      ['localhost', true],
      ['0.0.0.0', false],
      ['10.0.0.5', false],
      ['127.example.org', false],
    ])('%s is loopback: %s', (address, expected) => {
      expect(isLoopback(address)).toBe(expected);
    });
  });

  describe(run.name, () => {
    let dir: string;
    let db: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'parsl-viz-'));
      db = join(dir, 'monitoring.db');
      const store = new TypeOrmMonitoringStore({ url: db });
      await store.open();
      await store.write(
        F.batch({ workflows: [F.workflow('cli-run', { workflowName: 'from-cli' })] }),
      );
      await store.close();
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('prints help with exit code 0', async () => {
      const { out, stream } = capture();
      expect(await run(['--help'], { stdout: stream, stderr: stream })).toBe(0);
      expect(out.join('')).toContain('Usage: parsl-ts visualize [DATABASE_URL]');
    });

    it('exits 2 with the reason and the usage on a bad option', async () => {
      const { out, stream } = capture();
      expect(await run(['--listen', '0.0.0.0'], { stdout: stream, stderr: stream })).toBe(2);
      expect(out.join('')).toMatch(/would publish the monitoring pages/);
    });

    it('exits 1 when the SQLite file does not exist, without creating it', async () => {
      const { out, stream } = capture();
      expect(await run([join(dir, 'absent.db')], { stdout: stream, stderr: stream })).toBe(1);
      expect(out.join('')).toContain(`no monitoring database at ${join(dir, 'absent.db')}`);
    });

    it('serves the runs until stopped, then exits 0', async () => {
      const { out, stream } = capture();
      const stop = new AbortController();
      let page = '';
      const code = await run([`sqlite:///${db}`, '--port', '0'], {
        stdout: stream,
        stderr: stream,
        signal: stop.signal,
        onListening: (url) => {
          void fetch(`${url}/`)
            .then((r) => r.text())
            .then((html) => {
              page = html;
              stop.abort();
            });
        },
      });
      expect(code).toBe(0);
      expect(page).toContain('from-cli');
      expect(out.join('')).toMatch(
        /serving sqlite:.*monitoring\.db at http:\/\/127\.0\.0\.1:\d+\//,
      );
    });
  });
});
