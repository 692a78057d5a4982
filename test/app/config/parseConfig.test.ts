import { describe, expect, it } from 'vitest';
import { ConfigurationError, InProcessExecutor, parseConfig } from '../../../src/index.js';

describe(parseConfig.name, () => {
  it('fills Parsl defaults: one thread pool "threads" with 2 threads, retries 0, runinfo', () => {
    const config = parseConfig();
    expect(config.executors).toHaveLength(1);
    expect(config.executors[0]).toMatchObject({
      kind: 'thread-pool',
      label: 'threads',
      maxThreads: 2,
    });
    expect([
      config.retries,
      config.runDir,
      config.appCache,
      config.lazyErrors,
      config.strategy,
    ]).toEqual([0, 'runinfo', true, true, 'simple']);
  });

  it('returns a frozen config', () => {
    const config = parseConfig({ retries: 1 });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.executors[0])).toBe(true);
  });

  it('lists every problem at once, each with its path', () => {
    let caught: unknown;
    try {
      parseConfig({
        retries: -1,
        executors: [
          { kind: 'thread-pool', label: 'a', maxThreads: 0 },
          { kind: 'in-process', label: 'a' },
          { kind: 'gpu-magic' as 'in-process' },
        ],
        retrys: 2,
        checkpointMode: 'periodic',
      } as never);
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigurationError);
    const message = (caught as ConfigurationError).message;
    expect(message).toMatch(/^Invalid Parsl configuration:/);
    expect(message).toMatch(/ {2}retries: retries must not be less than 0/);
    expect(message).toMatch(/ {2}executors\.0\.maxThreads: maxThreads must not be less than 1/);
    expect(message).toMatch(
      / {2}executors\.2\.kind: unknown executor kind "gpu-magic"; known kinds: thread-pool, in-process/,
    );
    expect(message).toMatch(/ {2}retrys: property retrys should not exist/);
    expect(message).toMatch(/duplicate executor label "a"/);
    expect(message).toMatch(/checkpointPeriod: checkpointMode "periodic" needs checkpointPeriod/);
  });

  it('rejects a non-object config', () => {
    expect(() => parseConfig([] as never)).toThrow(/expected a configuration object, got an array/);
  });

  it('accepts Executor instances as custom executors', () => {
    const custom = new InProcessExecutor({ label: 'mine' });
    const config = parseConfig({ executors: [custom] });
    expect(config.customExecutors).toEqual([custom]);
    expect(config.executors).toEqual([]);
  });

  it('reserves _parsl labels', () => {
    expect(() => parseConfig({ executors: [{ kind: 'in-process', label: '_parsl_x' }] })).toThrow(
      /reserved/,
    );
  });
});
