import { createHash } from 'node:crypto';
import { BadCheckpoint } from '../../../domain/errors/KernelErrors.js';
import type { CheckpointRecord, SkippedRecord } from '../../../ports/CheckpointStore.js';
import { CodecError, decodeValue, encodeValue, type Json } from './checkpointValueCodec.js';

/** Name written in every checkpoint header. */
export const CHECKPOINT_FORMAT = 'parsl-ts-checkpoint';
/** The format version this code writes and the newest it reads. */
export const CHECKPOINT_VERSION = 1;

const NL = 0x0a;

/**
 * JSON text of a record's value: primitives directly (the same text JSON.stringify gives),
 * anything else through the value codec.
 * @throws {CodecError} for a value the format cannot hold
 */
const valueText = (value: unknown): string => {
  switch (typeof value) {
    case 'number':
      if (Number.isFinite(value) && !Object.is(value, -0)) return String(value);
      break;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      break;
  }
  return JSON.stringify(encodeValue(value));
};

/**
 * Formats one checkpoint file (spec: docs/memoization.md, "Checkpoint format"): a header line,
 * one JSON line per record, and a trailer line with the record count and the sha256 of every
 * byte before it. Records whose value cannot be encoded are left out and returned in `skipped`.
 */
export const formatCheckpoint = (
  records: readonly CheckpointRecord[],
  createdAt: number,
): { bytes: Buffer; written: number; skipped: SkippedRecord[] } => {
  const lines = new LineBuffer(records.length * 96);
  let written = 0;
  const skipped: SkippedRecord[] = [];
  const appJson = new Map<string, string>();
  for (const r of records) {
    let value: string;
    try {
      value = valueText(r.value);
    } catch (error: unknown) {
      if (!(error instanceof CodecError)) throw error;
      skipped.push({ key: r.key, appName: r.appName, taskId: r.taskId, reason: error.message });
      continue;
    }
    let app = appJson.get(r.appName);
    if (app === undefined) {
      app = JSON.stringify(r.appName);
      appJson.set(r.appName, app);
    }
    // Same text JSON.stringify of the record object gives, built without the object (hot path).
    lines.write(
      `{"key":${JSON.stringify(r.key)},"app":${app},"task":${r.taskId},"at":${r.completedAt},"value":${value}}\n`,
    );
    written++;
  }
  const header = Buffer.from(
    `${JSON.stringify({ format: CHECKPOINT_FORMAT, version: CHECKPOINT_VERSION, createdAt, records: written })}\n`,
    'utf8',
  );
  const body = lines.bytes();
  const sha256 = createHash('sha256').update(header).update(body).digest('hex');
  const trailer = Buffer.from(`${JSON.stringify({ end: written, sha256 })}\n`, 'utf8');
  return { bytes: Buffer.concat([header, body, trailer]), written, skipped };
};

/**
 * Lines encoded straight into one growing Buffer instead of one joined string encoded at the
 * end (no string tree to flatten; a few percent of a batch's cost in the benchmark).
 */
class LineBuffer {
  private buffer: Buffer;
  private length = 0;

  public constructor(capacity: number) {
    this.buffer = Buffer.allocUnsafe(Math.max(capacity, 1024));
  }

  public write(line: string): void {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    const need = this.length + line.length * 3;
    if (need > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(line, this.length, 'utf8');
  }

  public bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/** The fields any line of a checkpoint file may have (header, record or trailer). */
interface Line {
  readonly format?: unknown;
  readonly version?: unknown;
  readonly records?: unknown;
  readonly key?: unknown;
  readonly app?: unknown;
  readonly task?: unknown;
  readonly at?: unknown;
  readonly value?: unknown;
  readonly end?: unknown;
  readonly sha256?: unknown;
}

const HINT =
  'Nothing was loaded. Delete or move the file (or leave its directory out of checkpointFiles) to run without it';

/** BadCheckpoint for a file that exists but cannot be trusted, with the way out in the message. */
const damaged = (
  file: string,
  position: number,
  reason: string,
  options?: ErrorOptions,
): BadCheckpoint => new BadCheckpoint(file, position, `${reason}. ${HINT}`, options);

const isObject = (v: unknown): v is Line =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const parseLine = (file: string, bytes: Buffer, start: number, end: number): Line => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8', start, end));
  } catch (error: unknown) {
    throw damaged(file, start, 'a line is not valid JSON (the file is corrupt)', {
      cause: error,
    });
  }
  if (!isObject(parsed))
    throw damaged(file, start, 'a line is not a JSON object (the file is corrupt)');
  return parsed;
};

const toRecord = (file: string, start: number, line: Line): CheckpointRecord => {
  const { key, app, task, at } = line;
  if (
    typeof key !== 'string' ||
    typeof app !== 'string' ||
    typeof task !== 'number' ||
    typeof at !== 'number' ||
    !('value' in line)
  ) {
    throw damaged(file, start, 'a record lacks key, app, task, at or value (the file is corrupt)');
  }
  try {
    return {
      key,
      appName: app,
      taskId: task,
      completedAt: at,
      value: decodeValue(line.value as Json),
    };
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw damaged(file, start, `record of app ${app} cannot be decoded: ${reason}`, {
      cause: error,
    });
  }
};

/**
 * Reads one checkpoint file, checking header, every record, the trailer and the checksum.
 * @throws {BadCheckpoint} with the byte position of the first problem
 */
export const parseCheckpoint = (file: string, bytes: Buffer): CheckpointRecord[] => {
  const lineEnds: number[] = [];
  for (let i = bytes.indexOf(NL); i !== -1; i = bytes.indexOf(NL, i + 1)) lineEnds.push(i);
  if (lineEnds.length === 0)
    throw damaged(file, bytes.length, 'no complete header line (the file is empty or truncated)');
  const header = parseLine(file, bytes, 0, lineEnds[0] ?? 0);
  if (header.format !== CHECKPOINT_FORMAT)
    throw damaged(file, 0, `not a parsl-ts checkpoint (format ${JSON.stringify(header.format)})`);
  if (typeof header.version !== 'number' || header.version > CHECKPOINT_VERSION) {
    throw damaged(
      file,
      0,
      `format version ${String(header.version)} is newer than this parsl-ts reads (${CHECKPOINT_VERSION}); upgrade parsl-ts`,
    );
  }
  const expected = typeof header.records === 'number' ? header.records : -1;
  const records: CheckpointRecord[] = [];
  let start = (lineEnds[0] ?? 0) + 1;
  for (let n = 1; n < lineEnds.length; n++) {
    const end = lineEnds[n] ?? 0;
    const line = parseLine(file, bytes, start, end);
    if ('end' in line) {
      const sha = createHash('sha256').update(bytes.subarray(0, start)).digest('hex');
      if (line.end !== records.length || line.end !== expected)
        throw damaged(
          file,
          start,
          `trailer counts ${String(line.end)} records, header ${expected}, found ${records.length}`,
        );
      if (line.sha256 !== sha)
        throw damaged(file, start, 'checksum mismatch: the file was altered or damaged');
      if (end + 1 !== bytes.length)
        throw damaged(file, end + 1, 'unexpected bytes after the trailer');
      return records;
    }
    records.push(toRecord(file, start, line));
    start = end + 1;
  }
  throw damaged(file, start, `truncated: ${records.length} of ${expected} records and no trailer`);
};
