import { describe, expect, it } from 'vitest';
import { File } from '../../../src/domain/staging/File.js';

describe(File.name, () => {
  it.each([
    ['input.txt', 'file', '', 'input.txt', 'input.txt'],
    ['file:///scratch/proj101/input.txt', 'file', '', '/scratch/proj101/input.txt', 'input.txt'],
    ['https://127.0.0.1:8443/d/a%20b.txt', 'https', '127.0.0.1:8443', '/d/a b.txt', 'a b.txt'],
    ['ftp://u:p@ftp.example.org/pub/x.txt', 'ftp', 'ftp.example.org', '/pub/x.txt', 'x.txt'],
    [
      'globus://ddb59aef-6d04-11e5-ba46-22000b92c6ec/home/johndoe/data/input.txt',
      'globus',
      'ddb59aef-6d04-11e5-ba46-22000b92c6ec',
      '/home/johndoe/data/input.txt',
      'input.txt',
    ],
  ])('parses %s (Parsl File URL examples)', (url, scheme, netloc, path, filename) => {
    const file = new File(url);
    expect([file.scheme, file.netloc, file.path, file.filename]).toEqual([
      scheme,
      netloc,
      path,
      filename,
    ]);
  });

  it('filepath is the staged local path when staging set one, else the path', () => {
    const file = new File('https://h/a.txt');
    expect(file.filepath).toBe('/a.txt');
    file.localPath = '/wd/a.txt';
    expect(String(file)).toBe('/wd/a.txt');
  });

  it('cleancopy drops staging state (Parsl #1197: localpath staging conflict)', () => {
    const file = new File('https://h/a.txt', '/wd/a.txt');
    const copy = file.cleancopy();
    expect([copy.url, copy.localPath, copy === file]).toEqual([
      'https://h/a.txt',
      undefined,
      false,
    ]);
  });

  it('isRemote is false only for file: URLs and bare paths', () => {
    expect(
      [new File('a.txt'), new File('file:///a'), new File('ftp://h/a')].map((f) => f.isRemote()),
    ).toEqual([false, false, true]);
  });

  it('refuses an empty URL with a clear message', () => {
    expect(() => new File('')).toThrow('File: expected a URL or path string, got ""');
  });
});
