import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { hostname, userInfo } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { UdpUsageTracker } from '../../../src/adapters/monitoring/UdpUsageTracker.js';
import { createUsageTracker } from '../../../src/app/monitoring/createUsageTracker.js';
import { until } from '../../support/until.js';

const listeners: Socket[] = [];
afterEach(() => {
  for (const s of listeners.splice(0)) s.close();
});

const listen = async (): Promise<{ port: number; messages: string[] }> => {
  const socket = createSocket('udp4');
  listeners.push(socket);
  const messages: string[] = [];
  socket.on('message', (m) => messages.push(m.toString('utf8')));
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  return { port: socket.address().port, messages };
};
describe(UdpUsageTracker.name, () => {
  describe('a run', () => {
    it('sends one start and one end datagram with hashed identities only', async () => {
      const collector = await listen();
      const tracker = new UdpUsageTracker({ port: collector.port, version: '0.1.0' });
      tracker.sendStart({
        scriptPath: '/home/alice/secret-project/run.js',
        startedAt: 1_700_000_000_000,
      });
      await tracker.sendEnd({
        endedAt: 1_700_000_042_000,
        exitCode: 0,
        executorCount: 2,
        taskCount: 10,
        failedCount: 1,
      });
      await until(() => collector.messages.length === 2);
      const [start, end] = collector.messages.map((m) => JSON.parse(m) as Record<string, unknown>);
      expect(start).toMatchObject({
        v: 1,
        type: 'start',
        parsl_ts_v: '0.1.0',
        start: 1_700_000_000,
      });
      expect(Object.keys(start ?? {}).sort()).toEqual([
        'host_hash',
        'node_v',
        'os',
        'os_v',
        'parsl_ts_v',
        'run_uuid',
        'script_hash',
        'start',
        'type',
        'user_hash',
        'v',
      ]);
      expect(end).toEqual({
        v: 1,
        type: 'end',
        run_uuid: start?.['run_uuid'],
        end: 1_700_000_042,
        duration_s: 42,
        exit_code: 0,
        executors_c: 2,
        tasks_c: 10,
        failed_c: 1,
      });
      const values = [...Object.values(start ?? {}), ...Object.values(end ?? {})].map(String);
      expect(values).not.toContain(hostname());
      expect(values).not.toContain(userInfo().username);
      expect(values.some((v) => v.includes('secret-project'))).toBe(false);
    });
  });

  describe('with an endpoint that cannot be resolved', () => {
    it('returns from sendStart at once and resolves sendEnd without an error', async () => {
      const tracker = new UdpUsageTracker({
        host: 'collector.invalid',
        port: 9,
        version: '0',
        timeoutMs: 200,
      });
      expect(tracker.sendStart({ scriptPath: 'x', startedAt: Date.now() })).toBeUndefined();
      await expect(
        tracker.sendEnd({
          endedAt: Date.now(),
          exitCode: 1,
          executorCount: 1,
          taskCount: 0,
          failedCount: 0,
        }),
      ).resolves.toBeUndefined();
    });
  });
});

describe(createUsageTracker.name, () => {
  it('sends nothing unless opted in', () => {
    expect(createUsageTracker(false, '0', {})).toBeUndefined();
  });

  it('opts in with PARSL_TRACKING=true (S004 L4698)', () => {
    expect(createUsageTracker(false, '0', { PARSL_TRACKING: 'true' })).toBeInstanceOf(
      UdpUsageTracker,
    );
  });

  it('opts in with usageTracking: true and uses PARSL_TRACKING_ENDPOINT', async () => {
    const collector = await listen();
    const tracker = createUsageTracker(true, '0', {
      PARSL_TRACKING_ENDPOINT: `127.0.0.1:${collector.port}`,
    });
    tracker?.sendStart({ scriptPath: 's', startedAt: 0 });
    await until(() => collector.messages.length === 1);
    expect(collector.messages).toHaveLength(1);
  });
});
