import { posix } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StagingTransferError } from '../../domain/errors/StagingErrors.js';
import type { File } from '../../domain/staging/File.js';
import type { StagingContext, StagingProvider } from '../../ports/StagingProvider.js';
import { GlobusAuthClient } from './globus/GlobusAuthClient.js';
import { defaultGlobusTokenFile, GlobusTokenStore } from './globus/GlobusTokenStore.js';
import { GlobusTransferClient } from './globus/GlobusTransferClient.js';
import { globusEndpointPath } from './globus/globusEndpointPath.js';
import { Limiter } from './transfer/Limiter.js';
import { describeError } from './transfer/RetryPolicy.js';
import { toTransferError } from './transfer/toTransferError.js';

/** Options of {@link GlobusStaging}. */
export interface GlobusStagingOptions {
  /** UUID of the Globus endpoint that sees the executor's filesystem. Parsl: endpoint_uuid */
  readonly endpointUuid: string;
  /** Root path as Globus sees it; used with `localPath`. @default undefined (same paths) */
  readonly endpointPath?: string | undefined;
  /** The local directory that `endpointPath` stands for. @default undefined (same paths) */
  readonly localPath?: string | undefined;
  /** Transfer API base URL. @default 'https://transfer.api.globusonline.org/v0.10' */
  readonly transferUrl?: string | undefined;
  /** Globus Auth base URL (token refresh). @default 'https://auth.globus.org' */
  readonly authUrl?: string | undefined;
  /** OAuth2 client id of your native app, needed to refresh tokens. @default env PARSL_TS_GLOBUS_CLIENT_ID */
  readonly clientId?: string | undefined;
  /** Token file written by `parsl-ts globus-auth`. @default '~/.parsl-ts/globus.json' */
  readonly tokenFile?: string | undefined;
  /** A Transfer access token to use instead of the token file. @default undefined */
  readonly accessToken?: string | undefined;
  /** Time between task status polls. @default 5000 */
  readonly pollIntervalMs?: number | undefined;
  /** Give up waiting for one transfer after this long. @default 3600000 */
  readonly transferTimeoutMs?: number | undefined;
  /** Transfers in flight at once. @default 4 */
  readonly maxConcurrent?: number | undefined;
  /** Retries of a failed API call (5xx, 429, network). @default 3 */
  readonly retries?: number | undefined;
  /** Delay before the first retry, doubling each time. @default 500 */
  readonly retryBaseDelayMs?: number | undefined;
}

/** `work`, or a rejection as soon as `signal` aborts (the work itself is left to finish). */
const untilAborted = <TResult>(work: Promise<TResult>, signal: AbortSignal): Promise<TResult> =>
  new Promise<TResult>((resolve, reject) => {
    const stop = (): void => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    if (signal.aborted) stop();
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });

/** The error of a transfer that close() stopped waiting for. */
const closedError = (component: string, url: string, what: string): StagingTransferError =>
  new StagingTransferError({
    component,
    url,
    reason: `${what}: the kernel was closed (GlobusStaging.close())`,
    attempts: 1,
    transient: false,
    hint: 'A submitted task may still run; see https://app.globus.org/activity.',
  });

/**
 * Stages globus:// files in and out through the Globus Transfer service, as separate staging tasks
 * on the submit side: stage-in copies `globus://<uuid>/<path>` to the executor's endpoint under its
 * workingDir; stage-out copies it back after the app. Needs an executor `workingDir` and a
 * Transfer token (`parsl-ts globus-auth`).
 * Parsl: parsl.data_provider.globus.GlobusStaging
 */
export class GlobusStaging implements StagingProvider {
  public readonly name = 'GlobusStaging';
  private readonly client: GlobusTransferClient;
  private readonly limiter: Limiter;
  private readonly activated = new Map<string, Promise<void>>();
  private readonly closer = new AbortController();

  public constructor(private readonly options: GlobusStagingOptions) {
    const clientId = options.clientId ?? process.env['PARSL_TS_GLOBUS_CLIENT_ID'];
    const auth =
      clientId === undefined
        ? undefined
        : new GlobusAuthClient(options.authUrl ?? 'https://auth.globus.org', clientId);
    const store = new GlobusTokenStore(options.tokenFile ?? defaultGlobusTokenFile(), auth);
    const { accessToken } = options;
    this.client = new GlobusTransferClient(
      options.transferUrl ?? 'https://transfer.api.globusonline.org/v0.10',
      accessToken === undefined
        ? () => store.transferAccessToken(Date.now() / 1000)
        : async () => accessToken,
      {
        retries: options.retries ?? 3,
        baseDelayMs: options.retryBaseDelayMs ?? 500,
        maxDelayMs: 10_000,
      },
    );
    this.limiter = new Limiter(options.maxConcurrent ?? 4);
  }

  public canStageIn(file: File): boolean {
    return file.scheme === 'globus';
  }

  public canStageOut(file: File): boolean {
    return file.scheme === 'globus';
  }

  public stageIn(file: File, context: StagingContext, parent?: Promise<unknown>): Promise<void> {
    const endpointDir = globusEndpointPath(
      context.workingDir,
      this.options.endpointPath,
      this.options.localPath,
    );
    file.localPath = posix.join(context.workingDir ?? '', file.filename);
    const target = posix.join(endpointDir, file.filename);
    return this.transfer(
      'stageIn',
      file.url,
      parent,
      [file.netloc, file.path],
      [this.options.endpointUuid, target],
    );
  }

  public stageOut(file: File, context: StagingContext, app: Promise<unknown>): Promise<void> {
    const endpointDir = globusEndpointPath(
      context.workingDir,
      this.options.endpointPath,
      this.options.localPath,
    );
    file.localPath = posix.join(context.workingDir ?? '', file.filename);
    const source = posix.join(endpointDir, file.filename);
    return this.transfer(
      'stageOut',
      file.url,
      app,
      [this.options.endpointUuid, source],
      [file.netloc, file.path],
    );
  }

  /**
   * Stops waiting for transfers: pending and later stage-ins and stage-outs reject at once with a
   * StagingTransferError naming the Globus task (which itself keeps running). Idempotent.
   */
  public async close(): Promise<void> {
    this.closer.abort();
  }

  private async transfer(
    operation: 'stageIn' | 'stageOut',
    url: string,
    after: Promise<unknown> | undefined,
    [sourceEndpoint, sourcePath]: readonly [string, string],
    [destinationEndpoint, destinationPath]: readonly [string, string],
  ): Promise<void> {
    if (after !== undefined) await after;
    const component = `${this.name}.${operation}`;
    const route = `globus://${sourceEndpoint}${sourcePath} -> globus://${destinationEndpoint}${destinationPath}`;
    const { signal } = this.closer;
    await this.limiter.run(async () => {
      if (signal.aborted) throw closedError(component, url, `transfer ${route} was not submitted`);
      let taskId: string;
      try {
        const submit = async (): Promise<string> => {
          await Promise.all([this.activate(sourceEndpoint), this.activate(destinationEndpoint)]);
          const submissionId = await this.client.submissionId();
          return this.client.submitTransfer(
            submissionId,
            sourceEndpoint,
            destinationEndpoint,
            [{ sourcePath, destinationPath }],
            `parsl-ts ${operation} ${posix.basename(sourcePath)}`.slice(0, 128),
          );
        };
        taskId = await untilAborted(submit(), signal);
      } catch (error: unknown) {
        if (signal.aborted)
          throw closedError(component, url, `submission of transfer ${route} was abandoned`);
        throw toTransferError(component, url, `submitting transfer ${route}`, error);
      }
      await this.waitFor(taskId, component, url, route);
    });
  }

  private async waitFor(
    taskId: string,
    component: string,
    url: string,
    route: string,
  ): Promise<void> {
    const deadline = Date.now() + (this.options.transferTimeoutMs ?? 3_600_000);
    const { signal } = this.closer;
    const abandoned = (): StagingTransferError =>
      closedError(component, url, `stopped waiting for Globus transfer task ${taskId} (${route})`);
    for (;;) {
      let status: string;
      try {
        status = (await untilAborted(this.client.task(taskId), signal)).status;
      } catch (error: unknown) {
        if (signal.aborted) throw abandoned();
        throw toTransferError(component, url, `polling transfer task ${taskId} (${route})`, error);
      }
      if (status === 'SUCCEEDED') return;
      if (status === 'FAILED') {
        const events = await this.client.errorEvents(taskId).catch(() => []);
        const last = events[0];
        const detail =
          last === undefined
            ? 'no error event recorded'
            : `${last.code}: ${last.details || last.description}`;
        throw new StagingTransferError({
          component,
          url,
          reason: `Globus transfer task ${taskId} (${route}) FAILED: ${detail}`,
          attempts: 1,
          transient: false,
          hint: 'See the task on https://app.globus.org/activity.',
        });
      }
      if (Date.now() > deadline) {
        throw new StagingTransferError({
          component,
          url,
          reason: `Globus transfer task ${taskId} (${route}) still ${status} after ${this.options.transferTimeoutMs ?? 3_600_000} ms`,
          attempts: 1,
          transient: true,
          hint: 'Raise transferTimeoutMs, or check the endpoints on https://app.globus.org.',
        });
      }
      try {
        await sleep(this.options.pollIntervalMs ?? 5000, undefined, { signal });
      } catch {
        throw abandoned();
      }
    }
  }

  private activate(endpoint: string): Promise<void> {
    let pending = this.activated.get(endpoint);
    if (pending === undefined) {
      pending = this.client.autoactivate(endpoint).then((code) => {
        if (code === 'AutoActivationFailed') {
          throw new Error(
            `endpoint ${endpoint} could not be auto-activated; activate it on https://app.globus.org`,
          );
        }
      });
      pending.catch((error: unknown) => {
        this.activated.delete(endpoint);
        return describeError(error);
      });
      this.activated.set(endpoint, pending);
    }
    return pending;
  }
}
