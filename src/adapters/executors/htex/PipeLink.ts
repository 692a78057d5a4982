import type { Duplex } from 'node:stream';
import type { FrameSocket } from './Outbox.js';

/** Longest message accepted from the other end (a corrupt length stops the link, not the process). */
const MAX_MESSAGE_BYTES = 1024 * 1024 * 1024;

/**
 * Multipart messages over a local stream (the pool ↔ worker link: a socket pair the pool opens as
 * the worker's fd 3). A message is `u32le frameCount ‖ (u32le length ‖ bytes)*`, written with one
 * gathered write and no copy of the frames. Unlike a ZeroMQ socket there is no I/O thread on either
 * side, so a hop costs one wake-up of the receiving process instead of three thread hand-offs.
 */
export class PipeLink implements FrameSocket {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private closed = false;

  public constructor(
    private readonly stream: Duplex,
    onMessage: (frames: Buffer[]) => void,
    onClose: () => void,
  ) {
    stream.on('data', (chunk: Buffer) => this.receive(chunk, onMessage));
    stream.on('error', () => undefined);
    stream.once('close', () => {
      this.closed = true;
      onClose();
    });
  }

  /** Queues one message; resolves at once, or once the stream drains when its buffer is full. */
  public send(frames: Buffer[]): Promise<void> {
    if (this.closed) return Promise.resolve();
    const head = Buffer.allocUnsafe(4 + 4 * frames.length);
    head.writeUInt32LE(frames.length, 0);
    for (let i = 0; i < frames.length; i += 1)
      head.writeUInt32LE((frames[i] as Buffer).length, 4 + 4 * i);
    // The lengths first, then the frames: the reader takes `4 + 4n` bytes, then the n frames.
    this.stream.cork();
    let room = this.stream.write(head);
    for (const frame of frames) if (frame.length > 0) room = this.stream.write(frame);
    this.stream.uncork();
    if (room) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('close', done);
    });
  }

  public close(): void {
    this.closed = true;
    this.stream.destroy();
  }

  private receive(chunk: Buffer, onMessage: (frames: Buffer[]) => void): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    for (;;) {
      const message = this.take();
      if (message === undefined) return;
      onMessage(message);
    }
  }

  /** The next whole message from the received bytes, or undefined when it is not complete yet. */
  private take(): Buffer[] | undefined {
    if (this.pendingBytes < 4) return undefined;
    let data = this.head(4);
    const count = data.readUInt32LE(0);
    const headBytes = 4 + 4 * count;
    if (this.pendingBytes < headBytes) return undefined;
    data = this.head(headBytes);
    let total = headBytes;
    for (let i = 0; i < count; i += 1) total += data.readUInt32LE(4 + 4 * i);
    if (total > MAX_MESSAGE_BYTES) {
      this.close();
      return undefined;
    }
    // Joined once the whole message is here, so a big message is copied once, not per chunk.
    if (this.pendingBytes < total) return undefined;
    data = this.head(total);
    const frames: Buffer[] = new Array(count);
    let offset = headBytes;
    for (let i = 0; i < count; i += 1) {
      const length = data.readUInt32LE(4 + 4 * i);
      frames[i] = data.subarray(offset, offset + length);
      offset += length;
    }
    const rest = data.subarray(total);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
    return frames;
  }

  /** The first received chunk, joined with the next ones until it holds at least `bytes`. */
  private head(bytes: number): Buffer {
    const first = this.pending[0] as Buffer;
    if (first.length >= bytes) return first;
    const joined = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [joined];
    return joined;
  }
}
