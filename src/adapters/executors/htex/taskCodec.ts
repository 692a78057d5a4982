import { DefaultSerializer, deserialize, serialize } from 'node:v8';
import { SerializationError } from '../../../domain/errors/ExecutorErrors.js';
import {
  AppFailure,
  AppTimeout,
  BadStdStreamFile,
  MissingOutputs,
} from '../../../domain/errors/TaskErrors.js';
import type { BashPayload, ExecutorTask, ShippedFunction } from '../../../ports/Executor.js';
import { rebuildError } from '../worker/rebuildError.js';
import { ArgumentProblem, decodeValue, encodeArgs } from '../worker/valueCodec.js';
import type { SerializedError, SerializedThrown } from '../worker/wire.js';
import { MONITORED_TASK_PREFIX } from './protocol.js';

/** What a worker process receives: the attempt without the in-process function. */
export interface WireTask {
  readonly appName: string;
  readonly walltimeSeconds?: number;
  readonly payload:
    | {
        readonly kind: 'function';
        readonly ship: ShippedFunction;
        readonly args: readonly unknown[];
      }
    | BashPayload;
}

const ZEROS = Buffer.alloc(16);
const MAX_JSON_DEPTH = 32;

/**
 * True when JSON round-trips `value` exactly: finite numbers (not -0), strings, booleans, null,
 * arrays and plain objects of those. Such bodies go as JSON, which encodes and decodes several times
 * faster than V8's serialiser for small values; anything else (undefined, Map, typed arrays, cycles,
 * deep nesting) goes through V8.
 */
const isJsonSafe = (value: unknown, depth = 0): boolean => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (depth >= MAX_JSON_DEPTH) return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i += 1)
          if (!isJsonSafe(value[i], depth + 1)) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      for (const key in value) {
        if (!isJsonSafe((value as Record<string, unknown>)[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
};

/**
 * Encodes `value` after `room` zero bytes, so a frame header can be written in place (no copy): as
 * JSON text when {@link isJsonSafe}, else V8-serialised (which always starts with byte 0xFF, never
 * produced by UTF-8, so the decoder tells the two apart by the first byte).
 */
const serializeAfter = (room: number, value: unknown, jsonSafe: boolean): Buffer => {
  if (jsonSafe) {
    const text = JSON.stringify(value);
    const frame = Buffer.allocUnsafe(room + Buffer.byteLength(text));
    frame.write(text, room);
    return frame;
  }
  const serializer = new DefaultSerializer();
  serializer.writeRawBytes(ZEROS.subarray(0, room));
  serializer.writeHeader();
  serializer.writeValue(value);
  return serializer.releaseBuffer();
};

const deserializeBody = (body: Buffer): unknown =>
  body[0] === 0xff ? deserialize(body) : JSON.parse(body.toString('utf8'));

/**
 * Encodes one attempt as a task frame (`u32le taskId ‖ body`): File/Special arguments through the shared worker codec, then
 * V8's structured serialisation (the same data model as worker threads' structured clone).
 * With `monitored`, the kernel's task and try ids follow the wire id (see MONITORED_TASK_PREFIX).
 * @throws {SerializationError} naming the argument that cannot be sent
 */
export const encodeTaskFrame = (
  executor: string,
  task: ExecutorTask,
  taskId: number,
  monitored = false,
): Buffer => {
  const { payload } = task;
  try {
    const wire: WireTask = {
      appName: task.appName,
      ...(task.walltimeSeconds === undefined ? {} : { walltimeSeconds: task.walltimeSeconds }),
      payload:
        payload.kind === 'bash'
          ? payload
          : { kind: 'function', ship: payload.ship, args: encodeArgs(payload.args) },
    };
    const args = wire.payload.kind === 'function' ? wire.payload.args : undefined;
    const room = monitored ? 4 + MONITORED_TASK_PREFIX : 4;
    const frame = serializeAfter(room, wire, args === undefined || isJsonSafe(args));
    frame.writeUInt32LE(taskId, 0);
    if (monitored) {
      frame.writeUInt32LE(task.id >>> 0, 4);
      frame.writeUInt32LE(task.tryId >>> 0, 8);
    }
    return frame;
  } catch (error: unknown) {
    const where =
      error instanceof ArgumentProblem
        ? `argument ${error.index} holds ${error.message}`
        : String(error);
    throw new SerializationError(
      executor,
      `app ${task.appName} (task ${task.id}): its arguments cannot be sent to a worker process: ${where}. Pass plain data (primitives, arrays, plain objects, Date, Map, Set, typed arrays, File).`,
      { cause: error },
    );
  }
};

export const decodeTask = (body: Buffer): WireTask => deserializeBody(body) as WireTask;

/**
 * Result frame of a success (`u32le taskId ‖ status 0 ‖ JSON or V8-serialised codec value`).
 * @throws when the value cannot be serialised
 */
export const resultValueFrame = (taskId: number, encoded: unknown): Buffer => {
  const frame = serializeAfter(5, encoded, isJsonSafe(encoded));
  frame.writeUInt32LE(taskId, 0);
  frame[4] = 0;
  return frame;
};

/** Result body of a failure. */
export const encodeResultError = (error: SerializedError): Buffer => serialize(error);

/**
 * Rebuilds a worker's value.
 * @throws {SerializationError} when the body is not a valid value
 */
export const decodeResultValue = (executor: string, appName: string, body: Buffer): unknown => {
  try {
    return decodeValue(deserializeBody(body));
  } catch (error: unknown) {
    throw new SerializationError(
      executor,
      `app ${appName}: its result could not be decoded (${String(error)})`,
      { cause: error },
    );
  }
};

/**
 * Rebuilds a worker's failure: bash-app errors come back as their own classes (AppFailure,
 * AppTimeout, MissingOutputs, BadStdStreamFile), other errors as the shared worker rebuild does.
 */
export const decodeResultError = (executor: string, appName: string, body: Buffer): Error => {
  let error: SerializedError;
  try {
    error = deserialize(body) as SerializedError;
  } catch (cause: unknown) {
    return new SerializationError(
      executor,
      `app ${appName}: a worker returned an undecodable error`,
      { cause },
    );
  }
  return error.kind === 'thrown'
    ? (rebuildTaskError(error, appName) ?? rebuildError(error, { executor, appName }))
    : rebuildError(error, { executor, appName });
};

const rebuildTaskError = (thrown: SerializedThrown, appName: string): Error | undefined => {
  const props = thrown.props;
  switch (thrown.parslCode) {
    case 'TASK_APP_FAILED':
      return new AppFailure(
        String(props['reason'] ?? thrown.message),
        Number(props['exitCode'] ?? 1),
      );
    case 'TASK_TIMEOUT':
      return new AppTimeout(appName, Number(props['walltimeSeconds'] ?? 0));
    case 'TASK_MISSING_OUTPUTS':
      return new MissingOutputs(appName, (props['outputs'] as string[] | undefined) ?? []);
    case 'TASK_BAD_STD_STREAM':
      return new BadStdStreamFile(String(props['path'] ?? '?'));
    default:
      return undefined;
  }
};
