import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describe, expect, it } from 'vitest';
import {
  HighThroughputExecutorConfig,
  htexOptionsFromConfig,
} from '../../../../src/app/config/executors/HighThroughputExecutorConfig.js';

const parse = (input: Record<string, unknown>) => {
  const config = plainToInstance(HighThroughputExecutorConfig, { kind: 'htex', ...input });
  return {
    config,
    errors: validateSync(config).flatMap((e) => Object.values(e.constraints ?? {})),
  };
};

describe(HighThroughputExecutorConfig.name, () => {
  it("has Parsl's defaults", () => {
    const { config, errors } = parse({});
    expect(errors).toEqual([]);
    expect(config).toMatchObject({
      label: 'HighThroughputExecutor',
      address: '127.0.0.1',
      workerPortRange: [54000, 55000],
      interchangePortRange: [55000, 56000],
      coresPerWorker: 1,
      prefetchCapacity: 0,
      heartbeatPeriod: 30,
      heartbeatThreshold: 120,
      pollPeriod: 10,
      workerDebug: false,
      managed: true,
    });
  });

  it.each([
    [{ workerPortRange: [55000, 54000] }, /workerPortRange must be \[low, high\]/],
    [{ interchangePortRange: [1] }, /interchangePortRange must be \[low, high\]/],
    [{ workerPorts: [1, 'x'] }, /workerPorts must be two port numbers/],
    [{ maxWorkers: 0 }, /maxWorkers must not be less than 1/],
    [{ heartbeatThreshold: -1 }, /heartbeatThreshold must be a positive number/],
    [{ prefetchCapacity: 1.5 }, /prefetchCapacity must be an integer/],
  ])('rejects %j', (input, message) => {
    expect(parse(input).errors.join('; ')).toMatch(message);
  });

  it('maps to adapter options without kind or the provider config node', () => {
    const { config } = parse({ label: 'htex', provider: { kind: 'local' }, maxWorkers: 2 });
    const options = htexOptionsFromConfig(config, undefined);
    expect(options).toMatchObject({ label: 'htex', maxWorkers: 2 });
    expect(options).not.toHaveProperty('kind');
    expect(options).not.toHaveProperty('provider');
  });
});
