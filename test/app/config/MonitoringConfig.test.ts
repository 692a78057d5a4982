import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { MonitoringConfig } from '../../../src/app/config/MonitoringConfig.js';
import { monitoringOptions } from '../../../src/app/monitoring/monitoringOptions.js';

const problems = (input: Record<string, unknown>) =>
  validateSync(plainToInstance(MonitoringConfig, input), {
    whitelist: true,
    forbidNonWhitelisted: true,
  }).map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);

describe(MonitoringConfig.name, () => {
  it('has Parsl MonitoringHub defaults (S004 L11902-11953)', () => {
    const c = plainToInstance(MonitoringConfig, {});
    expect(c).toMatchObject({
      hubAddress: '127.0.0.1',
      hubPortRange: [55050, 56000],
      clientPortRange: [55000, 56000],
      monitoringDebug: false,
      resourceMonitoringEnabled: true,
      resourceMonitoringInterval: 30,
    });
    expect(c.loggingEndpoint).toBeUndefined();
    expect(problems({})).toEqual([]);
  });

  it('accepts the Parsl example (hub_port=55055, resource_monitoring_interval=10)', () => {
    expect(
      problems({ hubAddress: 'login1', hubPort: 55055, resourceMonitoringInterval: 10 }),
    ).toEqual([]);
  });

  it('rejects an unsupported database URL, saying which forms work', () => {
    expect(problems({ loggingEndpoint: 'mysql://u@h/db' })).toEqual([
      expect.stringMatching(
        /^loggingEndpoint: unsupported database scheme "mysql:".*Use sqlite:\/\/\//,
      ),
    ]);
  });

  it('rejects a reversed port range and an out-of-range port', () => {
    expect(problems({ hubPortRange: [56000, 55050], hubPort: 70000 })).toEqual([
      expect.stringMatching(/^hubPort: /),
      expect.stringMatching(/^hubPortRange: must be \[low, high\]/),
    ]);
  });

  it("takes true, false or 'auto' for storeInWorkerThread, and says so otherwise", () => {
    for (const value of [true, false, 'auto'])
      expect(problems({ storeInWorkerThread: value })).toEqual([]);
    expect(problems({ storeInWorkerThread: 'yes' })).toEqual([
      expect.stringMatching(/^storeInWorkerThread: .*true, false, auto/),
    ]);
  });

  it('rejects an unknown field', () => {
    expect(problems({ hub_port: 1 })).toEqual(['hub_port: property hub_port should not exist']);
  });

  it('maps to hub options with the interval in ms and a sampler when resources are on', () => {
    const options = monitoringOptions(
      plainToInstance(MonitoringConfig, { resourceMonitoringInterval: 2, workflowName: 'w' }),
    );
    expect(options).toMatchObject({ resourceIntervalMs: 2000, workflowName: 'w', batchSize: 5000 });
    expect(options.sampler).toBeDefined();
    expect(
      monitoringOptions(plainToInstance(MonitoringConfig, { resourceMonitoringEnabled: false }))
        .sampler,
    ).toBeUndefined();
  });
});
