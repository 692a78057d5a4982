import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalChannel } from '../../../src/adapters/channels/LocalChannel.js';
import { SingleNodeLauncher } from '../../../src/adapters/launchers/SingleNodeLauncher.js';
import { NullLogger } from '../../../src/adapters/logging/NullLogger.js';
import { LocalProvider } from '../../../src/adapters/providers/LocalProvider.js';
import { IntervalTicker } from '../../../src/adapters/system/IntervalTicker.js';
import { SystemClock } from '../../../src/adapters/system/SystemClock.js';
import { JobStatusPoller } from '../../../src/app/kernel/JobStatusPoller.js';
import type { KernelEvent } from '../../../src/domain/task/TaskEvent.js';
import { FakeBlockExecutor } from '../../fakes/FakeBlockExecutor.js';
import { until } from '../../support/until.js';

describe(`${JobStatusPoller.name} with a real LocalProvider and timers`, () => {
  it('starts a block at once, sees it RUNNING, and releases it once idle', async () => {
    const dir = await realpath(await mkdtemp(join(tmpdir(), 'parsl-poller-')));
    const marker = `parsl-poller-${Date.now()}`;
    const provider = new LocalProvider(
      {
        initBlocks: 1,
        minBlocks: 0,
        maxBlocks: 1,
        statusPollingIntervalMs: 50,
        killGraceSeconds: 0.5,
      },
      new LocalChannel({ scriptDir: dir }),
      new SingleNodeLauncher({ debug: false }),
    );
    const executor = new FakeBlockExecutor('htex', provider, 1, `sh -c 'sleep 300; : ${marker}'`);
    executor.outstandingTasks = 1;
    const events: KernelEvent[] = [];
    const poller = new JobStatusPoller(
      { strategy: 'simple', maxIdletime: 0, strategyPeriodMs: 100 },
      {
        clock: new SystemClock(),
        ticker: new IntervalTicker(),
        logger: new NullLogger(),
        emit: (e) => events.push(e),
      },
    );
    await poller.add(executor);
    const startedAtOnce = executor.scaleOuts.length;
    await until(() => events.some((e) => e.type === 'block-status' && e.state === 'RUNNING'));
    executor.outstandingTasks = 0;
    await until(() => events.some((e) => e.type === 'scaling' && e.action === 'scale-in'));
    await poller.close();
    const running = await new LocalChannel({ scriptDir: dir }).executeWait(
      `pgrep -f -- '[${marker.slice(0, 1)}]${marker.slice(1)}' > /dev/null; echo $?`,
    );
    await rm(dir, { recursive: true, force: true });
    expect([
      startedAtOnce,
      running.stdout.trim(),
      executor.blockStatuses().get('0')?.state,
    ]).toEqual([1, '1', 'SCALED_IN']);
  });
});
