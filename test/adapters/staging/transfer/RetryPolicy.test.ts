import { describe, expect, it } from 'vitest';
import { Limiter } from '../../../../src/adapters/staging/transfer/Limiter.js';
import {
  isTransient,
  RetriesExhausted,
  TransferFailure,
  withRetry,
} from '../../../../src/adapters/staging/transfer/RetryPolicy.js';
import { redactUrl } from '../../../../src/adapters/staging/transfer/stagedPath.js';

const policy = { retries: 2, baseDelayMs: 1, maxDelayMs: 2 };

describe(withRetry.name, () => {
  it('retries a transient failure and returns the later success', async () => {
    let calls = 0;
    const value = await withRetry(async () => {
      calls += 1;
      if (calls < 3) throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
      return 'ok';
    }, policy);
    expect([value, calls]).toEqual(['ok', 3]);
  });

  it('gives up after `retries` more attempts, reporting the count', async () => {
    const failure = await withRetry(
      () => Promise.reject(new TransferFailure('HTTP 503', true)),
      policy,
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RetriesExhausted);
    expect((failure as RetriesExhausted).attempts).toBe(3);
  });

  it('does not retry a permanent failure', async () => {
    let calls = 0;
    await withRetry(() => {
      calls += 1;
      return Promise.reject(new TransferFailure('HTTP 404', false));
    }, policy).catch(() => undefined);
    expect(calls).toBe(1);
  });
});

describe(isTransient.name, () => {
  it.each([
    ['ECONNREFUSED', true],
    ['ETIMEDOUT', true],
    ['ENOENT', false],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', false],
  ])('treats errno %s as transient: %s', (code, expected) => {
    expect(isTransient(Object.assign(new Error(code), { code }))).toBe(expected);
  });
});

describe(Limiter.name, () => {
  it('never runs more than `max` operations at once', async () => {
    const limiter = new Limiter(3);
    const release: Array<() => void> = [];
    const running = Array.from({ length: 10 }, () =>
      limiter.run(() => new Promise<void>((done) => release.push(done))),
    );
    await Promise.resolve();
    expect(release.length).toBe(3);
    while (release.length > 0) {
      release.shift()?.();
      await new Promise((done) => setImmediate(done));
    }
    await Promise.all(running);
    expect(limiter.peak).toBe(3);
  });
});

describe(redactUrl.name, () => {
  it('masks the password and keeps the rest', () => {
    expect(redactUrl('ftp://u:secret@h:2121/a.txt')).toBe('ftp://u:***@h:2121/a.txt');
    expect(redactUrl('https://h/a.txt')).toBe('https://h/a.txt');
  });
});
