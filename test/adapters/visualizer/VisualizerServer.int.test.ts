import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VisualizerServer } from '../../../src/adapters/visualizer/VisualizerServer.js';
import { FakeMonitoringStore } from '../../fakes/FakeMonitoringStore.js';
import { MonitoringFixtures as F } from '../../fixtures/MonitoringFixtures.js';

describe(VisualizerServer.name, () => {
  const store = new FakeMonitoringStore();
  const server = new VisualizerServer(store, { port: 0, dagPageSize: 10, tablePageSize: 10 });
  let base = '';
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`);
    return { status: res.status, headers: res.headers, html: await res.text() };
  };

  beforeAll(async () => {
    await store.open();
    await store.write(
      F.batch({
        workflows: [F.workflow('r1', { workflowName: '<script>alert(1)</script>' })],
        tasks: Array.from({ length: 25 }, (_, i) =>
          F.task('r1', i, {
            appName: i === 3 ? '<img src=x onerror=alert(1)>' : 'sim',
            dependsOn: i > 0 ? [i - 1] : [],
          }),
        ),
      }),
    );
    base = await server.start();
  });
  afterAll(async () => {
    await server.close();
  });

  it('listens on loopback by default address given', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('escapes names from the database (no markup injection)', async () => {
    const { html } = await get('/');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    const summary = await get('/workflow/r1');
    expect(summary.html).not.toContain('<img src=x');
  });

  it('sends a restrictive content security policy', async () => {
    const { headers } = await get('/');
    expect(headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('paginates the DAG and links to the next window', async () => {
    const { html } = await get('/workflow/r1/dag?color=app');
    expect(html.match(/class="node"/g)).toHaveLength(10);
    expect(html).toContain('tasks 1–10 of 25');
    expect(html).toContain('/workflow/r1/dag?color=app&amp;offset=10&amp;limit=10');
  });

  it('answers 404 for an unknown run or page', async () => {
    expect((await get('/workflow/nope')).status).toBe(404);
    expect((await get('/workflow/r1/bogus')).status).toBe(404);
    expect((await get('/favicon.ico')).status).toBe(404);
  });

  it('rejects methods other than GET and HEAD', async () => {
    const res = await fetch(`${base}/`, { method: 'POST' });
    expect(res.status).toBe(405);
  });

  it('shows a task with its dependencies as links', async () => {
    const { html } = await get('/workflow/r1/task/5');
    expect(html).toContain('href="/workflow/r1/task/4"');
  });

  it('answers 500 with the reason when the store fails', async () => {
    const broken = new FakeMonitoringStore();
    const other = new VisualizerServer(broken, { port: 0 });
    const url = await other.start();
    const res = await fetch(`${url}/`);
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('FakeMonitoringStore.read: the store is not open');
    await other.close();
  });
});
