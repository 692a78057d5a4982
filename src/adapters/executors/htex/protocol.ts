/**
 * The HTEX wire protocol, shared by the executor (client), the interchange, worker pools and
 * workers. Every ZeroMQ message is multipart: frame 0 is a small JSON header `{ t: <type>, … }`,
 * the other frames are task or result frames. A task frame is `u32le taskId ‖ task body`; a result
 * frame is `u32le taskId ‖ u8 status ‖ body` (status: 0 value, 1 error, 2 lost). The interchange
 * routes frames by id without decoding bodies, so batches cross every hop in one message.
 * Parsl: the pickled dicts of parsl/executors/high_throughput (language-neutral here).
 */

import type { WorkerMonitoringTarget } from '../../../ports/Executor.js';

/** Bumped on any incompatible change to the messages below. */
export const PROTOCOL_VERSION = 2;

/** Result frame status byte. */
export const ResultStatus = { value: 0, error: 1, lost: 2 } as const;
export type ResultStatus = (typeof ResultStatus)[keyof typeof ResultStatus];

/** What a pool or worker reports when it registers. */
export interface RegistrationInfo {
  readonly managerId: string;
  readonly blockId: string;
  readonly workerCount: number;
  readonly prefetchCapacity: number;
  readonly hostname: string;
  readonly pid: number;
  readonly parslTsVersion: string;
  readonly nodeVersion: string;
  readonly protocolVersion: number;
}

/** One registered pool, as the interchange reports it (command `managers`). */
export interface ManagerInfo {
  readonly managerId: string;
  readonly blockId: string;
  readonly hostname: string;
  readonly workerCount: number;
  readonly tasks: number;
  /** Seconds since the pool last held no task; 0 while it runs tasks. */
  readonly idleSeconds: number;
  readonly active: boolean;
  readonly draining: boolean;
  readonly parslTsVersion: string;
  readonly nodeVersion: string;
}

/** Why a task came back without running to completion. */
export interface LostInfo {
  readonly kind: 'worker' | 'manager';
  readonly managerId: string;
  readonly hostname: string;
  readonly workerId?: string;
}

export type Header =
  | { readonly t: 'tasks' }
  | { readonly t: 'results' }
  | { readonly t: 'hb' }
  | { readonly t: 'register'; readonly info: RegistrationInfo }
  | { readonly t: 'registered'; readonly monitoring?: WorkerMonitoringTarget }
  | { readonly t: 'refused'; readonly reason: string }
  | { readonly t: 'drain' }
  | { readonly t: 'drained' }
  | { readonly t: 'bye' }
  | { readonly t: 'shutdown' }
  | { readonly t: 'ready'; readonly rank: number; readonly pid: number }
  /** Worker to pool: a bash app's process group started (`live`) or ended (see BashGroups). */
  | { readonly t: 'bash'; readonly pid: number; readonly live: boolean }
  | { readonly t: 'cmd'; readonly req: number; readonly cmd: CommandName; readonly arg?: unknown }
  | { readonly t: 'reply'; readonly req: number; readonly value?: unknown; readonly error?: string }
  | { readonly t: 'fatal'; readonly code: 'VERSION_MISMATCH' | 'INTERNAL'; readonly reason: string }
  | {
      readonly t: 'event';
      readonly kind: 'registered' | 'lost' | 'left';
      readonly managerId: string;
      readonly blockId: string;
      readonly workerCount: number;
    };

/** Commands the executor sends to the interchange. */
export type CommandName =
  | 'managers'
  | 'connectedBlocks'
  | 'hold'
  | 'drain'
  | 'holdBlocks'
  | 'workerPort';

export type Frame = Buffer;

const encodedHeaders = new Map<string, Buffer>();

/** Frame 0 for a header; headers without fields are cached. */
export const encodeHeader = (header: Header): Buffer => {
  if (Object.keys(header).length === 1) {
    const cached = encodedHeaders.get(header.t);
    if (cached !== undefined) return cached;
    const buffer = Buffer.from(JSON.stringify(header));
    encodedHeaders.set(header.t, buffer);
    return buffer;
  }
  return Buffer.from(JSON.stringify(header));
};

/**
 * Parses frame 0; undefined for anything that is not a header object with a string `t`
 * (rogue or mangled input is dropped by the caller, never thrown on).
 */
export const decodeHeader = (frame: Buffer | undefined): Header | undefined => {
  if (frame === undefined || frame.length === 0 || frame[0] !== 0x7b) return undefined;
  try {
    const value: unknown = JSON.parse(frame.toString('utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    return typeof (value as { t?: unknown }).t === 'string' ? (value as Header) : undefined;
  } catch {
    return undefined;
  }
};

/** `u32le id ‖ body` */
export const taskFrame = (taskId: number, body: Buffer): Buffer => {
  const frame = Buffer.allocUnsafe(4 + body.length);
  frame.writeUInt32LE(taskId, 0);
  body.copy(frame, 4);
  return frame;
};

/** `u32le id ‖ status ‖ body` */
export const resultFrame = (taskId: number, status: ResultStatus, body: Buffer): Buffer => {
  const frame = Buffer.allocUnsafe(5 + body.length);
  frame.writeUInt32LE(taskId, 0);
  frame[4] = status;
  body.copy(frame, 5);
  return frame;
};

/** A result frame saying the task's worker or pool was lost. */
export const lostFrame = (taskId: number, lost: LostInfo): Buffer =>
  resultFrame(taskId, ResultStatus.lost, Buffer.from(JSON.stringify(lost)));

/** The task id of a task or result frame, or undefined when the frame is too short. */
export const frameTaskId = (frame: Buffer): number | undefined =>
  frame.length >= 4 ? frame.readUInt32LE(0) : undefined;

/**
 * With monitoring on, the executor sends task records as `u32le taskId ‖ u32le kernelTaskId ‖
 * u32le tryId ‖ body` (the pool learns this from its registration reply): the pool needs the
 * kernel's ids to label resource samples. Without monitoring no byte is added.
 */
export const MONITORED_TASK_PREFIX = 8;

/**
 * Takes the kernel's ids off a monitored task record and returns the plain task frame, a view of
 * the same memory (the wire id is moved forward in place); undefined when the record is too short.
 */
export const splitMonitoredTask = (
  record: Buffer,
): { taskId: number; tryId: number; frame: Buffer } | undefined => {
  if (record.length < 4 + MONITORED_TASK_PREFIX) return undefined;
  const wireId = record.readUInt32LE(0);
  const taskId = record.readUInt32LE(4);
  const tryId = record.readUInt32LE(8);
  record.writeUInt32LE(wireId, MONITORED_TASK_PREFIX);
  return { taskId, tryId, frame: record.subarray(MONITORED_TASK_PREFIX) };
};

/** Splits a task frame. */
export const readTaskFrame = (frame: Buffer): { taskId: number; body: Buffer } | undefined =>
  frame.length < 4 ? undefined : { taskId: frame.readUInt32LE(0), body: frame.subarray(4) };

/** Splits a result frame. */
export const readResultFrame = (
  frame: Buffer,
): { taskId: number; status: number; body: Buffer } | undefined =>
  frame.length < 5
    ? undefined
    : { taskId: frame.readUInt32LE(0), status: frame[4] ?? 0, body: frame.subarray(5) };

/**
 * Packs records (task or result frames) into one ZeroMQ frame as `u32le length ‖ record` pairs:
 * zeromq.js costs microseconds per frame, so a batch travels as one frame, not one per task.
 */
export const packRecords = (records: readonly Buffer[]): Buffer => {
  let total = 0;
  for (const record of records) total += 4 + record.length;
  const packed = Buffer.allocUnsafe(total);
  let offset = 0;
  for (const record of records) {
    packed.writeUInt32LE(record.length, offset);
    record.copy(packed, offset + 4);
    offset += 4 + record.length;
  }
  return packed;
};

/** Records at least this big travel as their own frame (no copy into a packed frame). */
export const RAW_RECORD_BYTES = 32 * 1024;

/** The empty frame that announces that the next frame is one raw record. */
export const RAW_MARK = Buffer.alloc(0);

/**
 * The records in a message's frames (views, no copy): packed frames hold `u32le length ‖ record`
 * pairs (a truncated tail is dropped); an empty frame means the next frame is one raw record.
 */
export const unpackRecords = (frames: readonly Buffer[]): Buffer[] => {
  const records: Buffer[] = [];
  let raw = false;
  for (const frame of frames) {
    if (raw) {
      records.push(frame);
      raw = false;
      continue;
    }
    if (frame.length === 0) {
      raw = true;
      continue;
    }
    let offset = 0;
    while (offset + 4 <= frame.length) {
      const length = frame.readUInt32LE(offset);
      const end = offset + 4 + length;
      if (end > frame.length) break;
      records.push(frame.subarray(offset + 4, end));
      offset = end;
    }
  }
  return records;
};

/** Largest number of task/result records sent in one message. */
export const MAX_BATCH_FRAMES = 1024;
/** Largest number of body bytes sent in one message (a single bigger record still goes alone). */
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;
