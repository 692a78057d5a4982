import { createSocket } from 'node:dgram';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { signRadioMessage } from '../../../src/adapters/monitoring/UdpMonitoringRadio.js';
import { UdpMonitoringSender } from '../../../src/adapters/monitoring/UdpMonitoringSender.js';
import { attachMonitoring } from '../../../src/app/monitoring/attachMonitoring.js';
import type { MonitoringInput } from '../../../src/app/monitoring/MonitoringInput.js';
import { startMonitoringRadio } from '../../../src/app/monitoring/startMonitoringRadio.js';
import { MonitoringError } from '../../../src/domain/errors/MonitoringErrors.js';
import { FakeMonitoringStore } from '../../fakes/FakeMonitoringStore.js';
import { RecordingLogger } from '../../support/RecordingLogger.js';
import { until } from '../../support/until.js';

const sample = (taskId: number, timestamp: number) => ({
  type: 'resource',
  taskId,
  tryId: 0,
  pid: 4242,
  timestamp,
  cpuPercent: 97.5,
  timeUser: 3,
  timeSystem: 0.2,
  memoryResident: 2e6,
  memoryVirtual: 9e6,
  diskRead: 0,
  diskWrite: 4096,
  childrenCount: 1,
});

describe(startMonitoringRadio.name, () => {
  it('records signed worker reports sent over UDP and drops forged or malformed ones', async () => {
    const store = new FakeMonitoringStore();
    const logger = new RecordingLogger();
    const handle = await attachMonitoring(
      new Subject<MonitoringInput>(),
      store,
      { runId: 'radio-run', flushIntervalMs: 10 },
      logger,
    );
    const radio = await startMonitoringRadio(
      { hubAddress: '127.0.0.1', hubPortRange: [55050, 56000] },
      handle,
      logger,
    );
    expect(radio.url).toMatch(/^udp:\/\/127\.0\.0\.1:(5505\d|550[6-9]\d|55[1-9]\d\d|56000)$/);
    const sender = UdpMonitoringSender.fromEnv(radio.env);
    sender?.send(sample(1, 1000));
    sender?.send(sample(1, 2000));
    sender?.send({ type: 'resource', taskId: 'one' });
    const forger = createSocket('udp4');
    const port = Number(radio.url.split(':').pop());
    forger.send(signRadioMessage('not-the-key', sample(2, 3000)), port, '127.0.0.1');
    await until(() => handle.getStats().received >= 2);
    await new Promise((r) => setTimeout(r, 100));
    forger.close();
    sender?.close();
    await radio.close();
    await handle.close();
    await store.open();
    expect((await store.rowCounts('radio-run')).resources).toBe(2);
    expect(await store.resourceUsage('radio-run', 1)).toEqual([
      { start: 1000, cpuPercent: 97.5, memoryResident: 2e6, samples: 2, tasks: 1 },
    ]);
    expect(logger.messages('warn')).toContain(
      'monitoring radio: dropped a malformed worker report (further ones are not logged)',
    );
  });

  it('fails with a MonitoringError naming the fix when the hub port is taken', async () => {
    const busy = createSocket('udp4');
    await new Promise<void>((r) => busy.bind(0, '127.0.0.1', () => r()));
    const port = busy.address().port;
    await expect(
      startMonitoringRadio(
        { hubAddress: '127.0.0.1', hubPort: port, hubPortRange: [55050, 56000] },
        { record: () => undefined },
        new RecordingLogger(),
      ),
    ).rejects.toThrow(MonitoringError);
    busy.close();
  });
});

describe(UdpMonitoringSender.name, () => {
  it('is off without PARSL_MONITORING_HUB_URL and PARSL_MONITORING_HUB_KEY', () => {
    expect(UdpMonitoringSender.fromEnv({})).toBeUndefined();
    expect(
      UdpMonitoringSender.fromEnv({ PARSL_MONITORING_HUB_URL: 'udp://127.0.0.1:1' }),
    ).toBeUndefined();
  });
});
