import { Subject } from 'rxjs';
import { expect, it } from 'vitest';
import { syntheticRun } from '../../../bench/support/syntheticRun.js';
import { TypeOrmMonitoringStore } from '../../../src/adapters/monitoring/TypeOrmMonitoringStore.js';
import { attachMonitoring } from '../../../src/app/monitoring/attachMonitoring.js';
import type { MonitoringInput } from '../../../src/app/monitoring/MonitoringInput.js';
import { describeWithService } from '../../support/describeWithService.js';
import { FlakyTcpProxy } from '../../support/FlakyTcpProxy.js';
import { dropSchema, PG_HOW_TO, PG_URL, postgresAvailable } from '../../support/postgres.js';
import { RecordingLogger } from '../../support/RecordingLogger.js';
import { until } from '../../support/until.js';

describeWithService(
  'monitoring hub with PostgreSQL going away',
  await postgresAvailable(),
  PG_HOW_TO,
  () => {
    it('buffers while the connection is cut and catches up, losing nothing', async () => {
      const target = new URL(PG_URL);
      const proxy = await FlakyTcpProxy.start(target.hostname, Number(target.port || 5432));
      const proxied = new URL(PG_URL);
      proxied.port = String(proxy.port);
      const schema = `outage_${process.pid}_${Date.now()}`;
      const logger = new RecordingLogger();
      const events$ = new Subject<MonitoringInput>();
      const handle = await attachMonitoring(
        events$,
        new TypeOrmMonitoringStore({ url: proxied.href, schema }),
        { flushIntervalMs: 50, batchSize: 500 },
        logger,
      );
      try {
        const { events, expected } = syntheticRun(3000, 'pg-outage');
        const half = Math.floor(events.length / 2);
        for (const e of events.slice(0, half)) events$.next(e);
        await handle.flush();
        proxy.cut();
        for (const e of events.slice(half)) events$.next(e);
        await until(() => handle.getStats().failedWrites >= 2, 20_000);
        proxy.restore();
        await until(() => handle.getStats().buffered === 0, 20_000);
        await handle.close();
        const reader = new TypeOrmMonitoringStore({ url: PG_URL, schema });
        await reader.open();
        expect(await reader.rowCounts('pg-outage')).toMatchObject({
          tasks: expected.tasks,
          tries: expected.tries,
          statuses: expected.statuses,
        });
        expect(await reader.getWorkflow('pg-outage')).toMatchObject({
          tasksFailedCount: expected.failed,
          tasksActive: 0,
        });
        await reader.close();
        expect(
          logger.messages('warn').some((w) => w.includes('cannot write to postgresql://')),
        ).toBe(true);
        expect(logger.messages('warn').some((w) => w.includes('caught up'))).toBe(true);
      } finally {
        await proxy.close();
        await dropSchema(schema);
      }
    });
  },
);
