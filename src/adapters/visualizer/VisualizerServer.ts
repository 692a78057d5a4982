import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MonitoringStore } from '../../ports/MonitoringStore.js';
import { dagPage } from './pages/dagPage.js';
import { ganttPage } from './pages/ganttPage.js';
import { esc } from './pages/html.js';
import { page } from './pages/layout.js';
import { resourcePage } from './pages/resourcePage.js';
import { taskPage, tasksPage } from './pages/tasksPage.js';
import { workflowPage } from './pages/workflowPage.js';
import { workflowsPage } from './pages/workflowsPage.js';

/** Options of {@link VisualizerServer}. */
export interface VisualizerServerOptions {
  /** Address to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /** TCP port; 0 picks a free one. @default 8080 */
  readonly port?: number;
  /** Tasks per DAG page. @default 300 */
  readonly dagPageSize?: number;
  /** Tries per Gantt page. @default 200 */
  readonly ganttPageSize?: number;
  /** Rows per task table page. @default 100 */
  readonly tablePageSize?: number;
  /** Time buckets of the resource charts. @default 120 */
  readonly resourceBuckets?: number;
}

class NotFound extends Error {}

/**
 * The monitoring web UI (`parsl-ts visualize`): server-rendered HTML with inline SVG, read from a
 * MonitoringStore. Every page aggregates or paginates in the database, so pages stay fast for runs
 * of 100,000 tasks. The store is opened by the caller.
 * Parsl: parsl.monitoring.visualization (parsl-visualize)
 */
export class VisualizerServer {
  private server: Server | undefined;

  public constructor(
    private readonly store: MonitoringStore,
    private readonly options: VisualizerServerOptions = {},
  ) {}

  /** Starts listening; resolves with the URL it serves. */
  public async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 8080, this.options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return this.url();
  }

  public url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (address === null || address === undefined) return '';
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  public async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        this.send(res, 405, page('Method not allowed', '<p>Only GET is supported.</p>'));
        return;
      }
      const url = new URL(req.url ?? '/', 'http://visualizer');
      this.send(res, 200, await this.route(url));
    } catch (error: unknown) {
      if (error instanceof NotFound) {
        this.send(
          res,
          404,
          page('Not found', `<p>${esc(error.message)}</p><p><a href="/">All workflows</a></p>`),
        );
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      this.send(
        res,
        500,
        page(
          'Error',
          `<p>The monitoring database could not be read:</p><pre>${esc(message)}</pre>`,
        ),
      );
    }
  }

  private async route(url: URL): Promise<string> {
    const parts = url.pathname
      .split('/')
      .filter((p) => p !== '')
      .map(decodeURIComponent);
    if (parts.length === 0) {
      return workflowsPage(await this.store.listWorkflows(), this.store.location);
    }
    if (parts[0] !== 'workflow' || parts[1] === undefined)
      throw new NotFound(`No page at ${url.pathname}`);
    const runId = parts[1];
    const view = parts[2] ?? '';
    const int = (name: string, fallback: number) => {
      const n = Number(url.searchParams.get(name) ?? fallback);
      return Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback;
    };
    const text = (name: string) => url.searchParams.get(name) ?? undefined;
    const run = await this.store.getWorkflow(runId);
    if (run === undefined) throw new NotFound(`No run "${runId}" in ${this.store.location}`);
    switch (view) {
      case '': {
        const [apps, states, blocks] = await Promise.all([
          this.store.appSummary(runId),
          this.store.stateCounts(runId),
          this.store.listBlocks(runId),
        ]);
        return workflowPage({ run, apps, states, blocks });
      }
      case 'dag': {
        const limit = Math.min(2000, int('limit', this.options.dagPageSize ?? 300));
        const [window, apps] = await Promise.all([
          this.store.listTasks(runId, { offset: int('offset', 0), limit }),
          this.store.appNames(runId),
        ]);
        return dagPage(runId, window, apps, text('color') === 'state' ? 'state' : 'app', limit);
      }
      case 'gantt': {
        const limit = Math.min(2000, int('limit', this.options.ganttPageSize ?? 200));
        return ganttPage(
          runId,
          await this.store.listTries(runId, { offset: int('offset', 0), limit }),
          limit,
        );
      }
      case 'resources':
        return resourcePage(
          runId,
          await this.store.resourceUsage(runId, this.options.resourceBuckets ?? 120),
        );
      case 'tasks': {
        const limit = Math.min(2000, int('limit', this.options.tablePageSize ?? 100));
        const app = text('app');
        const state = text('state');
        const window = await this.store.listTasks(runId, {
          offset: int('offset', 0),
          limit,
          ...(app === undefined ? {} : { appName: app }),
          ...(state === undefined ? {} : { state }),
        });
        return tasksPage(runId, window, limit, {
          ...(app === undefined ? {} : { app }),
          ...(state === undefined ? {} : { state }),
        });
      }
      case 'task': {
        const taskId = Number(parts[3]);
        if (!Number.isInteger(taskId)) throw new NotFound(`No task "${parts[3] ?? ''}"`);
        const [task, history] = await Promise.all([
          this.store.getTask(runId, taskId),
          this.store.taskHistory(runId, taskId),
        ]);
        return taskPage(runId, task, taskId, history);
      }
      default:
        throw new NotFound(`No page "${view}" for run ${runId}`);
    }
  }

  private send(res: ServerResponse, status: number, html: string): void {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(html),
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:",
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.end(res.req.method === 'HEAD' ? undefined : html);
  }
}
