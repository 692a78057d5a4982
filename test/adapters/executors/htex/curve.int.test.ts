import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as zmq from 'zeromq';
import { loadClientKeys } from '../../../../src/adapters/executors/htex/curveKeys.js';
import {
  encodeHeader,
  packRecords,
  ResultStatus,
  resultFrame,
} from '../../../../src/adapters/executors/htex/protocol.js';
import { localVersionInfo } from '../../../../src/adapters/executors/htex/versionInfo.js';
import { appTask, HtexHarness } from './fixtures/htexHarness.js';

const registration = (managerId: string) =>
  encodeHeader({
    t: 'register',
    info: {
      managerId,
      blockId: '9',
      workerCount: 4,
      prefetchCapacity: 0,
      hostname: 'rogue',
      pid: 1,
      ...localVersionInfo(),
    },
  });

describe('HTEX with CurveZMQ (encrypted: true)', () => {
  const h = new HtexHarness({ encrypted: true, maxWorkers: 1 });
  const certDir = () => join(h.runDir, 'htex', 'certificates');
  beforeAll(async () => {
    await h.start();
  });
  afterAll(() => h.close());

  it('stores per-run keys with mode 0600 in a 0700 folder', () => {
    expect(statSync(certDir()).mode & 0o777).toBe(0o700);
    for (const name of ['server.key', 'server.key_secret', 'client.key', 'client.key_secret']) {
      expect(statSync(join(certDir(), name)).mode & 0o777).toBe(0o600);
    }
  });

  it('a pool with the keys registers and runs tasks over the encrypted link', async () => {
    expect(h.executor.poolCommand('0')).toContain('--cert-dir');
    h.startPool('0');
    await h.waitForPools(1);
    await expect(h.executor.submit(appTask('add', [20, 22]))).resolves.toBe(42);
  });

  it('a rogue pool without the client key (even knowing the server key) cannot register or fetch tasks', async () => {
    const rogueKeys = zmq.curveKeyPair();
    const rogue = new zmq.Dealer({
      routingId: 'rogue',
      linger: 0,
      receiveTimeout: 1500,
      curveServerKey: loadClientKeys(certDir()).serverPublicKey,
      curvePublicKey: rogueKeys.publicKey,
      curveSecretKey: rogueKeys.secretKey,
    });
    rogue.connect(`tcp://127.0.0.1:${h.executor.workerPort}`);
    void rogue.send(registration('rogue')).catch(() => undefined);
    const pending = h.executor.submit(appTask('add', [1, 1]));
    await expect(rogue.receive()).rejects.toThrow();
    rogue.close();
    expect((await h.executor.connectedManagers()).map((m) => m.managerId)).not.toContain('rogue');
    await expect(pending).resolves.toBe(2);
  });

  it('a plaintext client cannot talk to the interchange at all', async () => {
    const plain = new zmq.Dealer({ routingId: 'plain', linger: 0, receiveTimeout: 1500 });
    plain.connect(`tcp://127.0.0.1:${h.executor.workerPort}`);
    void plain.send(registration('plain')).catch(() => undefined);
    await expect(plain.receive()).rejects.toThrow();
    plain.close();
    expect((await h.executor.connectedManagers()).map((m) => m.managerId)).not.toContain('plain');
  });

  it('a rogue client cannot post a result for a task', async () => {
    const slow = h.executor.submit(appTask('sleep', [1500]));
    const managers = await h.executor.connectedManagers();
    const rogueKeys = zmq.curveKeyPair();
    const rogue = new zmq.Dealer({
      routingId: managers[0]?.managerId ?? 'x',
      linger: 0,
      curveServerKey: loadClientKeys(certDir()).serverPublicKey,
      curvePublicKey: rogueKeys.publicKey,
      curveSecretKey: rogueKeys.secretKey,
    });
    rogue.connect(`tcp://127.0.0.1:${h.executor.workerPort}`);
    const forged = Buffer.from([0x80, 0x00, 0x00, 0x00]);
    for (let id = 1; id < 20; id += 1) {
      void rogue
        .send([
          encodeHeader({ t: 'results' }),
          packRecords([resultFrame(id, ResultStatus.value, forged)]),
        ])
        .catch(() => undefined);
    }
    await expect(slow).resolves.toBe(1500);
    rogue.close();
  });
});
