import { describe, expect, it } from 'vitest';
import { ResultStatus } from '../../../../src/adapters/executors/htex/protocol.js';
import {
  decodeResultError,
  decodeResultValue,
  decodeTask,
  encodeResultError,
  encodeTaskFrame,
  resultValueFrame,
} from '../../../../src/adapters/executors/htex/taskCodec.js';
import { serializeThrown } from '../../../../src/adapters/executors/worker/serializeThrown.js';
import { encodeValue } from '../../../../src/adapters/executors/worker/valueCodec.js';
import { SerializationError } from '../../../../src/domain/errors/ExecutorErrors.js';
import { AppFailure, MissingOutputs } from '../../../../src/domain/errors/TaskErrors.js';
import { File } from '../../../../src/domain/staging/File.js';
import { appTask } from './fixtures/htexHarness.js';

describe('taskCodec', () => {
  it('carries a function task by reference with its arguments', () => {
    const wire = decodeTask(
      encodeTaskFrame('htex', appTask('add', [1, new Map([['k', 2]])]), 9).subarray(4),
    );
    expect(wire.payload.kind === 'function' && wire.payload.ship).toMatchObject({
      kind: 'module',
      exportName: 'add',
    });
    expect(wire.payload.kind === 'function' && wire.payload.args[1]).toEqual(new Map([['k', 2]]));
  });

  it('names the argument that cannot be sent', () => {
    expect(() => encodeTaskFrame('htex', appTask('add', [1, Symbol('s')]), 1)).toThrow(
      SerializationError,
    );
    expect(() => encodeTaskFrame('htex', appTask('add', [1, Symbol('s')]), 1)).toThrow(
      /argument 1 holds a symbol/,
    );
  });

  it.each([
    ['JSON-safe', [1, 'a', { b: null, c: [true] }], 0x7b],
    ['undefined', undefined, 0xff],
    ['-0', -0, 0xff],
    ['NaN', Number.NaN, 0xff],
    ['a Date', new Date(5), 0xff],
    ['bytes', new Uint8Array([1, 2]), 0xff],
  ])('round-trips a %s result (body starts with 0x%s)', (_name, value, firstByte) => {
    const frame = resultValueFrame(3, encodeValue(value));
    expect(frame[5] === 0xff ? 0xff : 0x7b).toBe(firstByte === 0xff ? 0xff : 0x7b);
    expect(decodeResultValue('htex', 'app', frame.subarray(5))).toEqual(value);
  });

  it('rebuilds File results', () => {
    const value = decodeResultValue(
      'htex',
      'app',
      resultValueFrame(3, encodeValue([new File('/a/b.txt')])).subarray(5),
    );
    expect(File.isFile((value as unknown[])[0])).toBe(true);
  });

  it('rebuilds bash errors as their own classes', () => {
    const failure = decodeResultError(
      'htex',
      'app',
      encodeResultError(serializeThrown(new AppFailure('bash app x failed: exit code 2', 2))),
    );
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).exitCode).toBe(2);
    const missing = decodeResultError(
      'htex',
      'app',
      encodeResultError(serializeThrown(new MissingOutputs('app', ['/o']))),
    );
    expect((missing as MissingOutputs).outputs).toEqual(['/o']);
  });

  it('turns an undecodable body into SerializationError', () => {
    expect(
      decodeResultError('htex', 'app', Buffer.from([ResultStatus.error, 1, 2])),
    ).toBeInstanceOf(SerializationError);
    expect(() => decodeResultValue('htex', 'app', Buffer.from([0xff, 0x0f, 0x99]))).toThrow(
      SerializationError,
    );
  });
});
