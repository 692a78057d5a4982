import { describe, expect, it } from 'vitest';
import {
  formatCheckpoint,
  parseCheckpoint,
} from '../../../../src/adapters/checkpoint/file/checkpointFileFormat.js';
import { encodeValue } from '../../../../src/adapters/checkpoint/file/checkpointValueCodec.js';
import type { CheckpointRecord } from '../../../../src/ports/CheckpointStore.js';

const HEX = 'ab'.repeat(32);
const record = (value: unknown, key = HEX): CheckpointRecord => ({
  key,
  appName: 'app "q"',
  taskId: 3,
  completedAt: 1_700_000_000_123,
  value,
});

/** The record line as the spec defines it: JSON.stringify of the record object. */
const specLine = (r: CheckpointRecord): string =>
  JSON.stringify({
    key: r.key,
    app: r.appName,
    task: r.taskId,
    at: r.completedAt,
    value: encodeValue(r.value),
  });

describe('formatCheckpoint', () => {
  it.each([
    ['an integer', 42],
    ['a fraction', -1.5e-7],
    ['-0', -0],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['true', true],
    ['false', false],
    ['null', null],
    ['undefined', undefined],
    ['a string with escapes', 'line\n"quoted"\\ \u2028 é'],
    ['an object', { a: [1, 'x'], b: null }],
    ['a bigint', 12n],
  ])('writes %s exactly as the spec line and reads it back', (_name, value) => {
    const r = record(value);
    const { bytes, written } = formatCheckpoint([r], 1);
    expect(written).toBe(1);
    expect(bytes.toString('utf8').split('\n')[1]).toBe(specLine(r));
    expect(parseCheckpoint('/x.ckpt', bytes)).toEqual([r]);
  });

  it('escapes a key that is not a sha256 digest', () => {
    const r = record(1, 'k"ey\n');
    const { bytes } = formatCheckpoint([r], 1);
    expect(bytes.toString('utf8').split('\n')[1]).toBe(specLine(r));
    expect(parseCheckpoint('/x.ckpt', bytes)[0]?.key).toBe('k"ey\n');
  });
});
