import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { StagingConfigError } from '../../domain/errors/StagingErrors.js';
import type { File } from '../../domain/staging/File.js';
import type { StagingContext, StagingProvider } from '../../ports/StagingProvider.js';
import { httpDownload } from './http/httpDownload.js';
import { Limiter } from './transfer/Limiter.js';
import { withRetry } from './transfer/RetryPolicy.js';
import { stagedPath } from './transfer/stagedPath.js';
import { toTransferError } from './transfer/toTransferError.js';

/** Options of {@link HttpSeparateTaskStaging}. */
export interface HttpSeparateTaskStagingOptions {
  /** PEM file with extra CA certificates to trust for https: URLs. @default undefined (system CAs only) */
  readonly caFile?: string | undefined;
  /** Downloads running at once (and keep-alive connections per host). @default 8 */
  readonly maxConcurrent?: number | undefined;
  /** Abort a request that stays silent this long. @default 30000 */
  readonly timeoutMs?: number | undefined;
  /** Retries of a transient failure (refused, reset, 5xx, cut short). @default 3 */
  readonly retries?: number | undefined;
  /** Delay before the first retry, doubling each time. @default 200 */
  readonly retryBaseDelayMs?: number | undefined;
}

/**
 * Stages http: and https: files in as a separate staging task on the submit side, before the app
 * runs, into the executor's workingDir (so the executor must share that filesystem). Downloads are
 * bounded by `maxConcurrent` and reuse keep-alive connections. Stage-out is not supported.
 * Parsl: parsl.data_provider.http.HTTPSeparateTaskStaging
 */
export class HttpSeparateTaskStaging implements StagingProvider {
  public readonly name = 'HttpSeparateTaskStaging';
  private readonly limiter: Limiter;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryBaseDelayMs: number;
  private agents: Promise<{ readonly http: http.Agent; readonly https: https.Agent }> | undefined;

  public constructor(private readonly options: HttpSeparateTaskStagingOptions = {}) {
    this.limiter = new Limiter(options.maxConcurrent ?? 8);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 3;
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 200;
  }

  /** Highest number of downloads that ran at once. */
  public get peakConcurrency(): number {
    return this.limiter.peak;
  }

  public canStageIn(file: File): boolean {
    return file.scheme === 'http' || file.scheme === 'https';
  }

  public canStageOut(_file: File): boolean {
    return false;
  }

  public stageIn(file: File, context: StagingContext, parent?: Promise<unknown>): Promise<void> {
    const destination = stagedPath(file, context);
    file.localPath = destination;
    return this.download(file.url, destination, parent);
  }

  public async close(): Promise<void> {
    const agents = this.agents;
    this.agents = undefined;
    if (agents === undefined) return;
    const { http: plain, https: secure } = await agents;
    plain.destroy();
    secure.destroy();
  }

  private async download(
    url: string,
    destination: string,
    parent?: Promise<unknown>,
  ): Promise<void> {
    if (parent !== undefined) await parent;
    let agents: { readonly http: http.Agent; readonly https: https.Agent };
    try {
      agents = await this.getAgents();
    } catch (error: unknown) {
      this.agents = undefined;
      throw new StagingConfigError(
        this.name,
        `cannot read caFile ${this.options.caFile} (${String(error)})`,
        'Point caFile at a readable PEM file with the CA certificate(s) to trust.',
      );
    }
    const agent = url.startsWith('https:') ? agents.https : agents.http;
    try {
      await this.limiter.run(() =>
        withRetry(() => httpDownload(url, destination, { agent, timeoutMs: this.timeoutMs }), {
          retries: this.retries,
          baseDelayMs: this.retryBaseDelayMs,
          maxDelayMs: 5000,
        }),
      );
    } catch (error: unknown) {
      throw toTransferError(`${this.name}.stageIn`, url, `GET to ${destination}`, error);
    }
  }

  private getAgents(): Promise<{ readonly http: http.Agent; readonly https: https.Agent }> {
    this.agents ??= (async () => {
      const { caFile } = this.options;
      const ca = caFile === undefined ? undefined : await readFile(caFile, 'utf8');
      const common = { keepAlive: true, maxSockets: this.limiter.max };
      return {
        http: new http.Agent(common),
        https: new https.Agent(ca === undefined ? common : { ...common, ca }),
      };
    })();
    return this.agents;
  }
}
