import { keepLoopHot } from './hotLoop.js';
import {
  MAX_BATCH_BYTES,
  MAX_BATCH_FRAMES,
  packRecords,
  RAW_MARK,
  RAW_RECORD_BYTES,
} from './protocol.js';

/** Sends closer together than this (ms) count as a busy link; see {@link Outbox.kick}. */
const BUSY_GAP_MS = 0.2;

/** The part of a ZeroMQ socket an {@link Outbox} needs. */
export interface FrameSocket {
  send(message: Buffer[]): Promise<void>;
}

interface Batch {
  readonly prefix: readonly Buffer[];
  readonly header: Buffer;
  frames: Buffer[];
}

/**
 * Serialises sends on one ZeroMQ socket (zeromq.js allows one send in flight) and batches task or
 * result records per destination: while a send is in flight, records for the same destination
 * accumulate and leave as one packed frame. A lone record leaves at the end of the current
 * synchronous run, so latency stays at one hop and throughput grows with load.
 */
export class Outbox {
  private readonly queue: Buffer[][] = [];
  private readonly batches = new Map<string, Batch>();
  private busy = false;
  private lastSend = Number.NEGATIVE_INFINITY;
  private closed = false;
  /** The current pump started after a quiet spell (a lone message, not a burst). */
  private lone = false;

  /**
   * @param spinMs after a lone message is handed over, keep the event loop hot this long (the
   *   reply is expected soon; see keepLoopHot). 0 = never.
   */
  public constructor(
    private readonly socket: FrameSocket,
    private readonly onError: (error: unknown) => void,
    private readonly spinMs = 0,
  ) {}

  /** Sends a whole message after those already queued. */
  public message(frames: Buffer[]): void {
    if (this.closed) return;
    this.queue.push(frames);
    this.kick();
  }

  /** Adds one record to the batch for `key`, sent as `[...prefix, header, packRecords(records)]`. */
  public frame(key: string, prefix: readonly Buffer[], header: Buffer, frame: Buffer): void {
    if (this.closed) return;
    const batch = this.batches.get(key);
    if (batch === undefined) this.batches.set(key, { prefix, header, frames: [frame] });
    else batch.frames.push(frame);
    this.kick();
  }

  /** Nothing queued and no send in flight: a record added now leaves at once, alone. */
  public get idle(): boolean {
    return !this.busy && this.queue.length === 0 && this.batches.size === 0;
  }

  /** Resolves once everything queued so far has been handed to ZeroMQ. */
  public async drain(): Promise<void> {
    while (this.busy || this.queue.length > 0 || this.batches.size > 0) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  public close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.batches.clear();
  }

  /**
   * Starts the pump. After a quiet spell it runs at the end of the current synchronous run (a
   * microtask): a lone task costs no extra event-loop turn. While sends follow each other closely
   * it waits for the next loop turn (setImmediate), so records from every message received in this
   * turn leave together: under load, messages get fewer and larger instead of one per record.
   */
  private kick(): void {
    if (this.busy) return;
    this.busy = true;
    this.lone = performance.now() - this.lastSend > BUSY_GAP_MS;
    if (this.lone) queueMicrotask(() => void this.pump());
    else setImmediate(() => void this.pump());
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        if (this.queue.length === 0) this.moveBatches();
        const next = this.queue.shift();
        if (next === undefined || this.closed) break;
        await this.socket.send(next);
        this.lastSend = performance.now();
      }
    } catch (error: unknown) {
      if (!this.closed) this.onError(error);
    } finally {
      this.busy = false;
    }
    if (this.lone && this.spinMs > 0) keepLoopHot(this.spinMs);
    if (!this.closed && (this.queue.length > 0 || this.batches.size > 0)) this.kick();
  }

  /**
   * Turns the pending records into messages: small records packed into one frame, big ones (at
   * least {@link RAW_RECORD_BYTES}) sent as their own frame after an empty marker frame, so they
   * are never copied; each message holds at most MAX_BATCH_FRAMES records and MAX_BATCH_BYTES.
   */
  private moveBatches(): void {
    for (const batch of this.batches.values()) {
      let parts: Buffer[] = [];
      let small: Buffer[] = [];
      let count = 0;
      let bytes = 0;
      const flushSmall = (): void => {
        if (small.length > 0) parts.push(packRecords(small));
        small = [];
      };
      const flushMessage = (): void => {
        flushSmall();
        if (parts.length > 0) this.queue.push([...batch.prefix, batch.header, ...parts]);
        parts = [];
        count = 0;
        bytes = 0;
      };
      for (const record of batch.frames) {
        if (count > 0 && (count >= MAX_BATCH_FRAMES || bytes + record.length > MAX_BATCH_BYTES))
          flushMessage();
        if (record.length >= RAW_RECORD_BYTES) {
          flushSmall();
          parts.push(RAW_MARK, record);
        } else {
          small.push(record);
        }
        count += 1;
        bytes += record.length;
      }
      flushMessage();
    }
    this.batches.clear();
  }
}
