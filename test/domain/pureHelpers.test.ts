import { describe, expect, it } from 'vitest';
import { formatWalltime, parseWalltime } from '../../src/domain/job/parseWalltime.js';
import { nextRunDirName } from '../../src/domain/rundir/nextRunDirName.js';
import { File } from '../../src/domain/staging/File.js';

describe(parseWalltime.name, () => {
  it.each([
    ['00:00:01', 1],
    ['01:00:00', 3600],
    ['48:30:15', 48 * 3600 + 30 * 60 + 15],
  ])('parses %s', (text, seconds) => expect(parseWalltime(text)).toBe(seconds));

  it.each(['1h', '01:60:00', '', '1:2'])('rejects %j with the expected form', (text) => {
    expect(() => parseWalltime(text)).toThrow(/HH:MM:SS/);
  });

  it('formats back', () => expect(formatWalltime(3725)).toBe('01:02:05'));
});

describe(nextRunDirName.name, () => {
  it('starts at 000', () => expect(nextRunDirName([])).toBe('000'));
  it('follows the highest number and ignores other names', () => {
    expect(nextRunDirName(['000', '007', 'monitoring.db', 'abc', '003'])).toBe('008');
  });
  it('keeps going past 999', () => expect(nextRunDirName(['999'])).toBe('1000'));
});

describe(File.name, () => {
  it('treats a bare path as file:', () => {
    const file = new File('/tmp/a/b.txt');
    expect([file.scheme, file.path, file.filename, file.filepath]).toEqual([
      'file',
      '/tmp/a/b.txt',
      'b.txt',
      '/tmp/a/b.txt',
    ]);
  });
  it('parses URLs', () => {
    const file = new File('https://example.org:8443/data/x%20y.csv');
    expect([file.scheme, file.netloc, file.path, file.filename]).toEqual([
      'https',
      'example.org:8443',
      '/data/x y.csv',
      'x y.csv',
    ]);
  });
  it('uses the staged local path once set, and cleancopy drops it', () => {
    const file = new File('ftp://host/in.txt');
    file.localPath = '/work/in.txt';
    expect(`${file}`).toBe('/work/in.txt');
    expect(file.cleancopy().localPath).toBeUndefined();
  });
  it('rejects an empty name', () => expect(() => new File('')).toThrow(/expected a URL or path/));
});
