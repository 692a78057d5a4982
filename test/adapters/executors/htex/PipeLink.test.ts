import { Duplex, PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PipeLink } from '../../../../src/adapters/executors/htex/PipeLink.js';

/** A link whose stream loops back: what it sends, it receives. */
const loopback = (): { link: PipeLink; got: Buffer[][]; stream: PassThrough } => {
  const stream = new PassThrough();
  const got: Buffer[][] = [];
  const link = new PipeLink(
    stream,
    (frames) => got.push(frames),
    () => undefined,
  );
  return { link, got, stream };
};

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('PipeLink', () => {
  it('delivers multipart messages whole and in order, empty frames included', async () => {
    const { link, got } = loopback();
    await link.send([Buffer.from('{"t":"tasks"}'), Buffer.alloc(0), Buffer.from('abc')]);
    await link.send([Buffer.from('second')]);
    await settle();
    expect(got.map((frames) => frames.map((f) => f.toString()))).toEqual([
      ['{"t":"tasks"}', '', 'abc'],
      ['second'],
    ]);
  });

  it('reassembles messages that arrive in small pieces', async () => {
    const written: Buffer[] = [];
    const sink = new Duplex({
      read: () => undefined,
      write: (chunk: Buffer, _encoding, done) => {
        written.push(chunk);
        done();
      },
    });
    const sender = new PipeLink(
      sink,
      () => undefined,
      () => undefined,
    );
    const big = Buffer.alloc(70_000, 7);
    await sender.send([Buffer.from('head'), big]);
    await sender.send([Buffer.from('tail')]);
    const bytes = Buffer.concat(written);
    const input = new PassThrough();
    const got: Buffer[][] = [];
    new PipeLink(
      input,
      (frames) => got.push(frames),
      () => undefined,
    );
    for (let i = 0; i < bytes.length; i += 997) input.write(bytes.subarray(i, i + 997));
    await settle();
    expect(got).toHaveLength(2);
    expect(got[0]?.[0]?.toString()).toBe('head');
    expect(got[0]?.[1]?.equals(big)).toBe(true);
    expect(got[1]?.[0]?.toString()).toBe('tail');
  });

  it('reports the other end closing and stops sending after close', async () => {
    const stream = new PassThrough();
    let closed = 0;
    const link = new PipeLink(
      stream,
      () => undefined,
      () => {
        closed += 1;
      },
    );
    stream.destroy();
    await settle();
    expect(closed).toBe(1);
    await expect(link.send([Buffer.from('x')])).resolves.toBeUndefined();
  });

  it('closes the link instead of buffering a message with an absurd length', async () => {
    const { stream, got } = loopback();
    const head = Buffer.alloc(8);
    head.writeUInt32LE(1, 0);
    head.writeUInt32LE(0xffffffff, 4);
    stream.write(head);
    await settle();
    expect(got).toEqual([]);
    expect(stream.destroyed).toBe(true);
  });
});
