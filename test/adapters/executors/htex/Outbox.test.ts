import { describe, expect, it } from 'vitest';
import { Outbox } from '../../../../src/adapters/executors/htex/Outbox.js';
import {
  MAX_BATCH_FRAMES,
  packRecords,
  RAW_MARK,
  RAW_RECORD_BYTES,
  unpackRecords,
} from '../../../../src/adapters/executors/htex/protocol.js';

/** A socket whose sends complete when the test says so. */
class GatedSocket {
  public readonly sent: Buffer[][] = [];
  private release: Array<() => void> = [];
  public send(message: Buffer[]): Promise<void> {
    this.sent.push(message);
    return new Promise((resolve) => this.release.push(resolve));
  }
  public releaseAll(): void {
    const waiting = this.release;
    this.release = [];
    for (const go of waiting) go();
  }
}

const H = Buffer.from('H');
const frame = (n: number) => Buffer.from([n]);

describe(Outbox.name, () => {
  const turn = () => new Promise((r) => setImmediate(r));

  it('sends the records of one synchronous run as one frame, without waiting for a loop turn', async () => {
    const socket = new GatedSocket();
    const out = new Outbox(socket, () => undefined);
    out.frame('a', [], H, frame(1));
    out.frame('a', [], H, frame(2));
    expect(socket.sent).toEqual([]);
    await Promise.resolve();
    expect(socket.sent).toEqual([[H, packRecords([frame(1), frame(2)])]]);
  });

  it('keeps the event loop hot for a while after a lone message when asked to', async () => {
    const immediates = (): number =>
      process.getActiveResourcesInfo().filter((r) => r === 'Immediate').length;
    await new Promise((r) => setTimeout(r, 10));
    const quiet = immediates();
    const socket = new GatedSocket();
    const out = new Outbox(socket, () => undefined, 3);
    out.frame('a', [], H, frame(1));
    await Promise.resolve();
    socket.releaseAll();
    await Promise.resolve();
    await Promise.resolve();
    expect(immediates()).toBe(quiet + 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(immediates()).toBe(quiet);
  });

  it('is idle only when nothing is queued or in flight', async () => {
    const socket = new GatedSocket();
    const out = new Outbox(socket, () => undefined);
    expect(out.idle).toBe(true);
    out.frame('a', [], H, frame(1));
    expect(out.idle).toBe(false);
    await Promise.resolve();
    expect(out.idle).toBe(false);
    socket.releaseAll();
    await turn();
    expect(out.idle).toBe(true);
  });

  it('batches records that arrive while a send is in flight', async () => {
    const socket = new GatedSocket();
    const out = new Outbox(socket, () => undefined);
    out.frame('a', [], H, frame(1));
    await Promise.resolve();
    out.frame('a', [], H, frame(2));
    out.frame('a', [], H, frame(3));
    socket.releaseAll();
    await turn();
    expect(socket.sent[1]).toEqual([H, packRecords([frame(2), frame(3)])]);
  });

  it('keeps destinations apart and prefixes each batch with its routing frames', async () => {
    const socket = new GatedSocket();
    const out = new Outbox(socket, () => undefined);
    out.message([Buffer.from('first')]);
    out.frame('x', [Buffer.from('X')], H, frame(1));
    out.frame('y', [Buffer.from('Y')], H, frame(2));
    for (let round = 0; round < 3; round += 1) {
      await turn();
      socket.releaseAll();
    }
    await turn();
    expect(socket.sent.slice(1)).toEqual([
      [Buffer.from('X'), H, packRecords([frame(1)])],
      [Buffer.from('Y'), H, packRecords([frame(2)])],
    ]);
  });

  it(`splits batches above ${MAX_BATCH_FRAMES} frames`, async () => {
    const socket = new GatedSocket();
    const out = new Outbox(socket, () => undefined);
    out.message([Buffer.from('gate')]);
    for (let i = 0; i < MAX_BATCH_FRAMES + 5; i += 1) out.frame('a', [], H, frame(i % 256));
    for (let round = 0; round < 3; round += 1) {
      socket.releaseAll();
      await new Promise((r) => setImmediate(r));
    }
    expect(socket.sent.slice(1).map((m) => unpackRecords(m.slice(1)).length)).toEqual([
      MAX_BATCH_FRAMES,
      5,
    ]);
  });

  it('sends big records as their own frame after an empty marker, in order, without copying them', async () => {
    const socket = new GatedSocket();
    const out = new Outbox(socket, () => undefined);
    const big = Buffer.alloc(RAW_RECORD_BYTES, 1);
    out.frame('a', [], H, frame(1));
    out.frame('a', [], H, big);
    out.frame('a', [], H, frame(2));
    await Promise.resolve();
    const [message] = socket.sent;
    expect(message).toEqual([H, packRecords([frame(1)]), RAW_MARK, big, packRecords([frame(2)])]);
    expect(message?.[3]).toBe(big);
    expect(unpackRecords(message?.slice(1) ?? [])).toEqual([frame(1), big, frame(2)]);
  });

  it('reports a failed send to onError', async () => {
    const errors: unknown[] = [];
    const out = new Outbox({ send: () => Promise.reject(new Error('closed')) }, (e) =>
      errors.push(e),
    );
    out.message([H]);
    await new Promise((r) => setImmediate(r));
    expect(String(errors[0])).toMatch(/closed/);
  });
});
