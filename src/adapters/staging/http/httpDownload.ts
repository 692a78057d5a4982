import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream/promises';
import { TransferFailure } from '../transfer/RetryPolicy.js';
import { writeAtomically } from '../transfer/writeAtomically.js';

/** Options of one HTTP(S) download. */
export interface HttpDownloadOptions {
  /** Connection pool: an http.Agent for http: URLs, an https.Agent for https: URLs. */
  readonly agent?: http.Agent | undefined;
  /** Extra CA certificates (PEM) trusted for https: URLs without an agent. */
  readonly ca?: string | undefined;
  /** Abort a request that stays silent this long. */
  readonly timeoutMs: number;
}

const MAX_REDIRECTS = 5;

const statusIsTransient = (status: number): boolean =>
  status >= 500 || status === 408 || status === 429;

const get = (url: URL, options: HttpDownloadOptions): Promise<http.IncomingMessage> =>
  new Promise((resolve, reject) => {
    const requestOptions: https.RequestOptions = {
      headers: { 'user-agent': 'parsl-ts' },
      ...(options.agent === undefined ? {} : { agent: options.agent }),
      ...(options.ca === undefined ? {} : { ca: options.ca }),
    };
    const request = (url.protocol === 'https:' ? https : http).get(url, requestOptions, resolve);
    request.setTimeout(options.timeoutMs, () =>
      request.destroy(
        Object.assign(new Error(`no response for ${options.timeoutMs} ms`), { code: 'ETIMEDOUT' }),
      ),
    );
    request.on('error', reject);
  });

const open = async (url: string, options: HttpDownloadOptions): Promise<http.IncomingMessage> => {
  let target = new URL(url);
  for (let hop = 0; ; hop += 1) {
    const response = await get(target, options);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location !== undefined && hop < MAX_REDIRECTS) {
      response.resume();
      target = new URL(location, target);
      continue;
    }
    if (status >= 200 && status < 300) return response;
    response.resume();
    throw new TransferFailure(
      `HTTP ${status} ${response.statusMessage ?? ''}`.trim(),
      statusIsTransient(status),
    );
  }
};

/**
 * Downloads `url` (http: or https:, following up to 5 redirects) to `destination` through a
 * temporary name, verifying Content-Length and, when the server sends one, Content-MD5.
 * @throws {TransferFailure} for HTTP errors and mismatches; Node network errors as they come
 */
export const httpDownload = (
  url: string,
  destination: string,
  options: HttpDownloadOptions,
): Promise<{ readonly bytes: number }> =>
  writeAtomically(destination, async (temporary) => {
    const response = await open(url, options);
    const length = response.headers['content-length'];
    const md5 = response.headers['content-md5'];
    const hash = typeof md5 === 'string' ? createHash('md5') : undefined;
    if (hash !== undefined) response.on('data', (chunk: Buffer) => hash.update(chunk));
    await pipeline(response, createWriteStream(temporary));
    if (hash !== undefined && hash.digest('base64') !== md5) {
      throw new TransferFailure(
        'Content-MD5 mismatch: the downloaded bytes differ from what the server sent',
        true,
      );
    }
    return { expectedSize: length === undefined ? undefined : Number(length) };
  });
