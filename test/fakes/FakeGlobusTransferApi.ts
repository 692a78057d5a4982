import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, normalize } from 'node:path';

interface FakeTask {
  readonly task_id: string;
  status: 'ACTIVE' | 'SUCCEEDED' | 'FAILED';
  pollsLeft: number;
  readonly source: string;
  readonly destination: string;
  readonly items: ReadonlyArray<{
    readonly source_path: string;
    readonly destination_path: string;
  }>;
  readonly events: Array<{ code: string; description: string; details: string; time: string }>;
  files_transferred: number;
}

/** A request the fake received. */
export interface FakeGlobusRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

/**
 * A local stand-in for the Globus Transfer REST API v0.10 on 127.0.0.1: the same paths, JSON shapes
 * and Bearer authentication. Each endpoint UUID stands for a local directory (`endpoints`); a
 * transfer task really copies the files between those directories, reporting ACTIVE for
 * `pollsBeforeDone` status polls first, then SUCCEEDED, or FAILED with a FILE_NOT_FOUND error event.
 * Anything it does not implement answers 501 and is recorded in `unscripted`.
 */
export class FakeGlobusTransferApi {
  public readonly requests: FakeGlobusRequest[] = [];
  public readonly unscripted: string[] = [];
  public readonly tasks = new Map<string, FakeTask>();
  /** Endpoints whose autoactivate answers AutoActivationFailed. */
  public readonly inactiveEndpoints = new Set<string>();
  private readonly submissions = new Map<string, string>();

  private constructor(
    private readonly server: http.Server,
    public readonly baseUrl: string,
    public readonly endpoints: ReadonlyMap<string, string>,
    /** Bearer tokens it accepts; tests may add more. */
    public readonly validTokens: Set<string>,
    private readonly pollsBeforeDone: number,
  ) {}

  public static async start(options: {
    readonly endpoints: Readonly<Record<string, string>>;
    readonly validTokens: readonly string[];
    readonly pollsBeforeDone?: number;
  }): Promise<FakeGlobusTransferApi> {
    const server = http.createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeGlobusTransferApi(
      server,
      `http://127.0.0.1:${port}/v0.10`,
      new Map(Object.entries(options.endpoints)),
      new Set(options.validTokens),
      options.pollsBeforeDone ?? 1,
    );
    server.on('request', (request, response) => {
      void fake.handle(request, response);
    });
    return fake;
  }

  public async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
  }

  private async handle(
    request: http.IncomingMessage,
    response: http.ServerResponse,
  ): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString();
    const url = new URL(request.url ?? '/', 'http://fake');
    const path = url.pathname.replace(/^\/v0\.10/, '');
    const body: unknown = raw === '' ? undefined : JSON.parse(raw);
    const method = request.method ?? 'GET';
    const authorization = request.headers.authorization;
    this.requests.push({ method, path: `${path}${url.search}`, authorization, body });
    const send = (status: number, json: unknown): void => {
      const text = JSON.stringify(json);
      response
        .writeHead(status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
        })
        .end(text);
    };
    const fail = (status: number, code: string, message: string): void =>
      send(status, { code, message, request_id: randomUUID().slice(0, 8), resource: path });

    if (!url.pathname.startsWith('/v0.10/'))
      return fail(404, 'ClientError.NotFound', `no such API version: ${url.pathname}`);
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (token === undefined || !this.validTokens.has(token)) {
      return fail(401, 'AuthenticationFailed', 'Token is not active');
    }

    const activate = method === 'POST' ? /^\/endpoint\/([^/]+)\/autoactivate$/.exec(path) : null;
    const taskStatus = method === 'GET' ? /^\/task\/([^/]+)$/.exec(path) : null;
    const taskEvents = method === 'GET' ? /^\/task\/([^/]+)\/event_list$/.exec(path) : null;
    if (method === 'GET' && path === '/submission_id') {
      return send(200, { DATA_TYPE: 'submission_id', value: randomUUID() });
    }
    if (activate !== null) {
      const endpoint = decodeURIComponent(activate[1] ?? '');
      if (!this.endpoints.has(endpoint))
        return fail(404, 'EndpointNotFound', `No such endpoint '${endpoint}'`);
      const failed = this.inactiveEndpoints.has(endpoint);
      return send(200, {
        DATA_TYPE: 'activation_result',
        code: failed ? 'AutoActivationFailed' : 'AlreadyActivated',
        message: failed ? 'Auto activation failed' : 'Endpoint is already activated.',
        endpoint,
        expires_in: failed ? 0 : -1,
      });
    }
    if (method === 'POST' && path === '/transfer') return this.submit(body, send, fail);
    if (taskStatus !== null) {
      const task = this.tasks.get(decodeURIComponent(taskStatus[1] ?? ''));
      if (task === undefined) return fail(404, 'TaskNotFound', `Task ${taskStatus[1]} not found`);
      await this.advance(task);
      return send(200, {
        DATA_TYPE: 'task',
        task_id: task.task_id,
        type: 'TRANSFER',
        status: task.status,
        nice_status:
          task.status === 'FAILED' ? 'FILE_NOT_FOUND' : task.status === 'ACTIVE' ? 'Queued' : null,
        source_endpoint_id: task.source,
        destination_endpoint_id: task.destination,
        files: task.items.length,
        files_transferred: task.files_transferred,
        faults: task.events.length,
      });
    }
    if (taskEvents !== null) {
      const task = this.tasks.get(decodeURIComponent(taskEvents[1] ?? ''));
      if (task === undefined) return fail(404, 'TaskNotFound', `Task ${taskEvents[1]} not found`);
      const data = task.events.map((event) => ({ DATA_TYPE: 'event', is_error: true, ...event }));
      return send(200, {
        DATA_TYPE: 'event_list',
        DATA: data,
        limit: 10,
        offset: 0,
        total: data.length,
      });
    }
    this.unscripted.push(`${method} ${path}`);
    return fail(501, 'FakeNotScripted', `FakeGlobusTransferApi: ${method} ${path} is not scripted`);
  }

  private submit(
    body: unknown,
    send: (status: number, json: unknown) => void,
    fail: (s: number, c: string, m: string) => void,
  ): void {
    const doc = body as {
      DATA_TYPE?: string;
      submission_id?: string;
      source_endpoint?: string;
      destination_endpoint?: string;
      DATA?: Array<{ DATA_TYPE?: string; source_path?: string; destination_path?: string }>;
    };
    if (
      doc?.DATA_TYPE !== 'transfer' ||
      typeof doc.submission_id !== 'string' ||
      !Array.isArray(doc.DATA)
    ) {
      fail(
        400,
        'ClientError.BadRequest',
        'expected a transfer document with submission_id and DATA',
      );
      return;
    }
    for (const endpoint of [doc.source_endpoint, doc.destination_endpoint]) {
      if (endpoint === undefined || !this.endpoints.has(endpoint)) {
        fail(404, 'EndpointNotFound', `No such endpoint '${endpoint}'`);
        return;
      }
    }
    const previous = this.submissions.get(doc.submission_id);
    if (previous !== undefined) {
      send(200, {
        DATA_TYPE: 'transfer_result',
        task_id: previous,
        submission_id: doc.submission_id,
        code: 'Duplicate',
      });
      return;
    }
    const items = doc.DATA.map((item) => {
      if (
        item.DATA_TYPE !== 'transfer_item' ||
        item.source_path === undefined ||
        item.destination_path === undefined
      ) {
        throw new Error('FakeGlobusTransferApi: bad transfer_item');
      }
      return { source_path: item.source_path, destination_path: item.destination_path };
    });
    const task: FakeTask = {
      task_id: randomUUID(),
      status: 'ACTIVE',
      pollsLeft: this.pollsBeforeDone,
      source: doc.source_endpoint ?? '',
      destination: doc.destination_endpoint ?? '',
      items,
      events: [],
      files_transferred: 0,
    };
    this.tasks.set(task.task_id, task);
    this.submissions.set(doc.submission_id, task.task_id);
    send(202, {
      DATA_TYPE: 'transfer_result',
      task_id: task.task_id,
      submission_id: doc.submission_id,
      code: 'Accepted',
      message:
        'The transfer has been accepted and a task has been created and queued for execution',
      request_id: randomUUID().slice(0, 8),
      resource: '/transfer',
    });
  }

  private async advance(task: FakeTask): Promise<void> {
    if (task.status !== 'ACTIVE') return;
    if (task.pollsLeft > 0) {
      task.pollsLeft -= 1;
      return;
    }
    for (const item of task.items) {
      const from = this.resolve(task.source, item.source_path);
      const to = this.resolve(task.destination, item.destination_path);
      if ((await stat(from).catch(() => undefined))?.isFile() !== true) {
        task.events.unshift({
          code: 'FILE_NOT_FOUND',
          description: 'file not found',
          details: `Error (transfer)\nEndpoint: ${task.source}\nServer: fake\nFile: ${item.source_path}\nMessage: No such file or directory`,
          time: new Date().toISOString(),
        });
        task.status = 'FAILED';
        return;
      }
      await mkdir(dirname(to), { recursive: true });
      await copyFile(from, to);
      task.files_transferred += 1;
    }
    task.status = 'SUCCEEDED';
  }

  private resolve(endpoint: string, path: string): string {
    const root = this.endpoints.get(endpoint) ?? '';
    return join(root, normalize(`/${path.replace(/^\/~\//, '/')}`));
  }
}
