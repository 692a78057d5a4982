// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright locators, where innerText is the text the user sees
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TypeOrmMonitoringStore } from '../../../src/adapters/monitoring/TypeOrmMonitoringStore.js';
import { VisualizerServer } from '../../../src/adapters/visualizer/VisualizerServer.js';
import { describeWithService } from '../../support/describeWithService.js';
import { type DemoRun, recordDemoRun } from '../../support/recordDemoRun.js';

const CHROMIUM = process.env['PARSL_TEST_CHROMIUM'] ?? '/usr/bin/chromium';
// Screenshots go to a temp dir; `PARSL_SCREENSHOT_DIR=docs/screenshots` refreshes the committed ones.
const SCREENSHOTS = resolve(
  process.env['PARSL_SCREENSHOT_DIR'] ?? mkdtempSync(join(tmpdir(), 'parsl-screens-')),
);

describeWithService(
  'VisualizerServer in headless chromium',
  existsSync(CHROMIUM),
  'run scripts/services/chromium.sh start (installs Debian chromium)',
  () => {
    let run: DemoRun;
    let store: TypeOrmMonitoringStore;
    let server: VisualizerServer;
    let base: string;
    let profile: string;
    let context: BrowserContext;
    let tab: Page;
    const shot = (name: string) =>
      tab.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

    beforeAll(async () => {
      run = await recordDemoRun();
      store = new TypeOrmMonitoringStore({ url: run.dbFile });
      await store.open();
      server = new VisualizerServer(store, { port: 0 });
      base = await server.start();
      mkdirSync(SCREENSHOTS, { recursive: true });
      profile = await mkdtemp(join(tmpdir(), 'parsl-chromium-'));
      const { chromium } = await import('playwright-core');
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        viewport: { width: 1200, height: 800 },
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      tab = context.pages()[0] ?? (await context.newPage());
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      await server?.close();
      await store?.close();
      await run?.cleanup();
      if (profile !== undefined) await rm(profile, { recursive: true, force: true });
    });

    it('lists the recorded run on the workflows page with its status and counts', async () => {
      await tab.goto(`${base}/`);
      const row = tab.locator(`#workflows tr[data-run="${run.runId}"]`);
      await expect(row.locator('td').first().innerText()).resolves.toBe('demo-science');
      await expect(row.locator('td.status').innerText()).resolves.toBe('completed (2 failed)');
      const numbers = await row.locator('td.num').allInnerTexts();
      expect(numbers).toEqual([String(run.tasks), String(run.tasks - 2), '2', '0']);
      await shot('workflows');
    });

    it('opens the workflow summary by clicking the workflow name, with the app summary', async () => {
      await tab.click('text=demo-science');
      await tab.waitForURL(`**/workflow/${run.runId}`);
      await expect(tab.locator('h1').innerText()).resolves.toBe('Workflow demo-science');
      const simulate = await tab.locator('#apps tr[data-app="simulate"] td.num').allInnerTexts();
      expect(simulate.slice(0, 3)).toEqual(['8', '8', '0']);
      const analyse = await tab.locator('#apps tr[data-app="analyse"] td.num').allInnerTexts();
      expect(analyse.slice(0, 3)).toEqual(['5', '4', '1']);
      await expect(tab.locator('#states [data-state="exec_done"]').innerText()).resolves.toBe(
        `exec_done: ${run.tasks - 2}`,
      );
      await shot('workflow-summary');
    });

    it('draws the DAG coloured by app, one colour per app, with the dependency edges', async () => {
      await tab.click('text=Workflow DAG – colours grouped by apps');
      await expect(tab.locator('#dag circle.node').count()).resolves.toBe(run.tasks);
      const fills = await tab
        .locator('#dag circle.node')
        .evaluateAll((nodes) =>
          nodes.map((n) => `${n.getAttribute('data-app')}=${n.getAttribute('fill')}`),
        );
      expect(new Set(fills).size).toBe(5);
      expect(await tab.locator('#dag line').count()).toBeGreaterThanOrEqual(8 + 4);
      await expect(tab.locator('#dag circle[data-task="0"] title').textContent()).resolves.toBe(
        'simulate · task 0 · exec_done',
      );
      await shot('dag-by-app');
    });

    it('recolours the DAG by state: failed red, dep_fail orange, done green', async () => {
      await tab.click('text=Colour by state instead');
      await tab.waitForURL(/color=state/);
      const byState = await tab
        .locator('#dag circle.node')
        .evaluateAll((nodes) =>
          Object.fromEntries(
            nodes.map((n) => [n.getAttribute('data-state'), n.getAttribute('fill')]),
          ),
        );
      expect(byState).toEqual({ exec_done: '#43a047', failed: '#e53935', dep_fail: '#fb8c00' });
      await shot('dag-by-state');
    });

    it('shows one Gantt bar per try, the failed tries in red', async () => {
      await tab.click('header >> text=Gantt');
      // flaky and broken were tried twice; the dep_fail task never ran.
      await expect(tab.locator('#gantt g.bar').count()).resolves.toBe(run.tasks + 1);
      const red = await tab.locator('#gantt rect[fill="#e53935"]').count();
      expect(red).toBe(3);
      await shot('gantt');
    });

    it('plots resource usage over time from the sampled process', async () => {
      await tab.click('header >> text=Resources');
      const points = await tab.locator('#cpu polyline').getAttribute('points');
      expect((points ?? '').trim().split(' ').length).toBeGreaterThanOrEqual(2);
      await expect(tab.locator('#memory circle').count()).resolves.toBeGreaterThanOrEqual(2);
      await shot('resources');
    });

    it('filters the task table by state and shows a task history', async () => {
      await tab.click('header >> text=Summary');
      await tab.click('#states [data-state="failed"]');
      const states = await tab.locator('#tasks tbody tr td:nth-child(4)').allInnerTexts();
      expect(states.map((s) => s.replace('● ', '').trim())).toEqual(['failed']);
      await shot('tasks-failed');
      await tab.locator('#tasks tbody tr td a').first().click();
      const history = await tab.locator('#history td:nth-child(3)').allInnerTexts();
      expect(history.map((s) => s.replace('● ', '').trim())).toEqual([
        'pending',
        'launched',
        'fail_retryable',
        'pending',
        'launched',
        'failed',
      ]);
      await shot('task');
    });
  },
);
