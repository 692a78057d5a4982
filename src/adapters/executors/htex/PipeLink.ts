import type { Duplex } from 'node:stream';
import type { ArenaReader } from './arenaReader.js';
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
  /** Received chunks not consumed yet; `offset` bytes of the first are already consumed. */
  private chunks: Buffer[] = [];
  private offset = 0;
  private available = 0;
  /** The message being cut: its frame lengths and the frames cut so far. */
  private incoming: { lengths: number[]; frames: Buffer[] } | undefined;
  private closed = false;

  /**
   * @param reader set when `stream` was opened with the reader's `onread` (arena reads); the
   *   chunks then come through it instead of 'data' events
   */
  public constructor(
    private readonly stream: Duplex,
    onMessage: (frames: Buffer[]) => void,
    onClose: () => void,
    reader?: ArenaReader,
  ) {
    if (reader === undefined) stream.on('data', (chunk: Buffer) => this.receive(chunk, onMessage));
    else reader.deliver = (chunk) => this.receive(chunk, onMessage);
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
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.available += chunk.length;
    for (;;) {
      const message = this.take();
      if (message === undefined) return;
      onMessage(message);
    }
  }

  /**
   * The next whole message from the received bytes, or undefined when it is not complete yet.
   * Frames are cut one by one: a frame inside one received chunk is a view of it, a frame that
   * spans chunks is copied once into a buffer of its own size (no big joined message buffer).
   */
  private take(): Buffer[] | undefined {
    if (this.incoming === undefined) {
      if (this.available < 4) return undefined;
      const count = this.peekUInt32(0);
      if (this.available < 4 + 4 * count) return undefined;
      const head = this.read(4 + 4 * count);
      const lengths: number[] = new Array(count);
      let total = 0;
      for (let i = 0; i < count; i += 1) {
        lengths[i] = head.readUInt32LE(4 + 4 * i);
        total += lengths[i] as number;
      }
      if (total > MAX_MESSAGE_BYTES) {
        this.close();
        return undefined;
      }
      this.incoming = { lengths, frames: [] };
    }
    const { lengths, frames } = this.incoming;
    while (frames.length < lengths.length) {
      const length = lengths[frames.length] as number;
      if (this.available < length) return undefined;
      frames.push(this.read(length));
    }
    this.incoming = undefined;
    return frames;
  }

  /** A u32le at `offset` of the unread bytes (which hold at least offset + 4 bytes). */
  private peekUInt32(offset: number): number {
    const first = this.chunks[0] as Buffer;
    if (this.offset + offset + 4 <= first.length) return first.readUInt32LE(this.offset + offset);
    const bytes = Buffer.allocUnsafe(4);
    this.copyOut(bytes, offset, false);
    return bytes.readUInt32LE(0);
  }

  /** Takes `length` unread bytes: a view when they lie in one chunk, else a copy. */
  private read(length: number): Buffer {
    const first = this.chunks[0];
    if (length === 0 || first === undefined) return Buffer.alloc(0);
    if (this.offset + length <= first.length) {
      const view = first.subarray(this.offset, this.offset + length);
      this.advance(length);
      return view;
    }
    const out = Buffer.allocUnsafe(length);
    this.copyOut(out, 0, true);
    return out;
  }

  /** Copies unread bytes from `skip` on into `out` (filling it); consumes them when `consume`. */
  private copyOut(out: Buffer, skip: number, consume: boolean): void {
    let written = 0;
    let index = 0;
    let start = this.offset + skip;
    while (written < out.length) {
      const chunk = this.chunks[index] as Buffer;
      if (start >= chunk.length) {
        start -= chunk.length;
        index += 1;
        continue;
      }
      const n = Math.min(out.length - written, chunk.length - start);
      chunk.copy(out, written, start, start + n);
      written += n;
      start = 0;
      index += 1;
    }
    if (consume) this.advance(out.length);
  }

  /** Drops `length` unread bytes from the front. */
  private advance(length: number): void {
    this.available -= length;
    let left = length;
    while (left > 0) {
      const first = this.chunks[0] as Buffer;
      const rest = first.length - this.offset;
      if (left < rest) {
        this.offset += left;
        return;
      }
      left -= rest;
      this.chunks.shift();
      this.offset = 0;
    }
  }
}
