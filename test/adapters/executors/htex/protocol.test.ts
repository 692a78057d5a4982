import { describe, expect, it } from 'vitest';
import {
  decodeHeader,
  encodeHeader,
  frameTaskId,
  lostFrame,
  packRecords,
  ResultStatus,
  readResultFrame,
  readTaskFrame,
  resultFrame,
  taskFrame,
  unpackRecords,
} from '../../../../src/adapters/executors/htex/protocol.js';

describe('HTEX protocol frames', () => {
  it('round-trips a task frame', () => {
    const frame = taskFrame(4_000_000_000, Buffer.from('body'));
    expect(frameTaskId(frame)).toBe(4_000_000_000);
    expect(readTaskFrame(frame)?.body.toString()).toBe('body');
  });

  it('round-trips a result frame with its status', () => {
    const parsed = readResultFrame(resultFrame(7, ResultStatus.error, Buffer.from('e')));
    expect(parsed).toMatchObject({ taskId: 7, status: ResultStatus.error });
    expect(parsed?.body.toString()).toBe('e');
  });

  it('carries lost-task details as JSON', () => {
    const parsed = readResultFrame(
      lostFrame(3, { kind: 'worker', managerId: 'm', hostname: 'h', workerId: 'm/0' }),
    );
    expect(parsed?.status).toBe(ResultStatus.lost);
    expect(JSON.parse(parsed?.body.toString() ?? '')).toEqual({
      kind: 'worker',
      managerId: 'm',
      hostname: 'h',
      workerId: 'm/0',
    });
  });

  it('round-trips headers', () => {
    expect(decodeHeader(encodeHeader({ t: 'cmd', req: 2, cmd: 'managers' }))).toEqual({
      t: 'cmd',
      req: 2,
      cmd: 'managers',
    });
  });

  it.each([
    [undefined],
    [Buffer.alloc(0)],
    [Buffer.from('not json')],
    [Buffer.from('{"x":1}')],
    [Buffer.from('{bad')],
  ])('drops a mangled header %#', (frame) => {
    expect(decodeHeader(frame)).toBeUndefined();
  });

  it('ignores frames too short to hold an id', () => {
    expect(readTaskFrame(Buffer.from([1, 2]))).toBeUndefined();
    expect(readResultFrame(Buffer.from([1, 2, 3, 4]))).toBeUndefined();
  });

  it('packs records into one frame and unpacks them as views', () => {
    const records = [
      taskFrame(1, Buffer.from('a')),
      taskFrame(2, Buffer.alloc(0)),
      taskFrame(3, Buffer.from('ccc')),
    ];
    const unpacked = unpackRecords([
      packRecords(records),
      packRecords([taskFrame(4, Buffer.from('d'))]),
    ]);
    expect(unpacked.map((r) => frameTaskId(r))).toEqual([1, 2, 3, 4]);
    expect(unpacked[2]?.subarray(4).toString()).toBe('ccc');
  });

  it('drops a truncated record', () => {
    const packed = packRecords([taskFrame(1, Buffer.from('abc'))]);
    expect(unpackRecords([packed.subarray(0, packed.length - 1)])).toEqual([]);
  });
});
