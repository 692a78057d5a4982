import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as zmq from 'zeromq';
import { entryCommand } from '../../../../src/adapters/executors/htex/entryPoints.js';
import { decodeHeader, encodeHeader } from '../../../../src/adapters/executors/htex/protocol.js';
import { localVersionInfo } from '../../../../src/adapters/executors/htex/versionInfo.js';
import { VersionMismatchError } from '../../../../src/domain/errors/ExecutorErrors.js';
import { appTask, HtexHarness } from './fixtures/htexHarness.js';

describe('HTEX version check, interchange side', () => {
  const h = new HtexHarness();
  beforeAll(async () => {
    await h.start();
  });
  afterAll(() => h.close());

  it('refuses a pool with another parsl-ts version, and the executor fails its tasks with VersionMismatchError', async () => {
    // Handled at once: the executor may learn of the refusal before the pool below does.
    const waiting = h.executor.submit(appTask('add', [1, 2])).catch((e: unknown) => e);
    const pool = new zmq.Dealer({ routingId: 'old-pool', linger: 0 });
    pool.connect(`tcp://127.0.0.1:${h.executor.workerPort}`);
    await pool.send(
      encodeHeader({
        t: 'register',
        info: {
          managerId: 'old-pool',
          blockId: '0',
          workerCount: 1,
          prefetchCapacity: 0,
          hostname: 'elsewhere',
          pid: 1,
          ...localVersionInfo(),
          parslTsVersion: '0.0.1-old',
        },
      }),
    );
    const [reply] = await pool.receive();
    pool.close();
    const header = decodeHeader(reply);
    expect(header?.t === 'refused' && header.reason).toMatch(/parsl-ts 0\.0\.1-old != /);
    const error = await waiting;
    expect(error).toBeInstanceOf(VersionMismatchError);
    expect((error as Error).message).toMatch(/old-pool on elsewhere .*parsl-ts 0\.0\.1-old/);
    expect(h.executor.badState).toBeInstanceOf(VersionMismatchError);
  });
});

describe('HTEX version check, pool side', () => {
  it('a pool that is refused prints the reason and exits with code 3', async () => {
    const interchange = new zmq.Router({ linger: 0 });
    await interchange.bind('tcp://127.0.0.1:*');
    const port = Number(interchange.lastEndpoint?.split(':').pop());
    const [node = '', ...args] = entryCommand('workerPoolMain');
    const pool = spawn(
      node,
      [...args, '--addresses', '127.0.0.1', '--port', String(port), '--max-workers', '1'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    pool.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [id, head] = await interchange.receive();
    expect(decodeHeader(head)?.t).toBe('register');
    await interchange.send([
      id as Buffer,
      encodeHeader({
        t: 'refused',
        reason: 'worker pool has node v0.0.0 != v20 (interchange side)',
      }),
    ]);
    const code = await new Promise((resolve) => pool.once('exit', resolve));
    interchange.close();
    expect(code).toBe(3);
    expect(stderr).toMatch(/refused by the interchange: worker pool has node v0\.0\.0/);
  });
});
