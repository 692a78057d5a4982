import { describe, expect, it } from 'vitest';
import {
  describeLocation,
  parseDatabaseUrl,
  redactUrl,
} from '../../../../src/adapters/monitoring/typeorm/parseDatabaseUrl.js';
import { MonitoringError } from '../../../../src/domain/errors/MonitoringErrors.js';

describe(parseDatabaseUrl.name, () => {
  it.each([
    ['sqlite:///monitoring.db', 'monitoring.db'],
    ['sqlite:///runinfo/monitoring.db', 'runinfo/monitoring.db'],
    ['sqlite:////tmp/monitoring.db', '/tmp/monitoring.db'],
    ['sqlite:///:memory:', ':memory:'],
    ['runinfo/monitoring.db', 'runinfo/monitoring.db'],
  ])(
    'reads %s (Parsl docs: parsl-visualize sqlite:////tmp/monitoring.db) as SQLite file %s',
    (url, path) => {
      expect(parseDatabaseUrl(url)).toEqual({ kind: 'sqlite', path });
    },
  );

  it.each(['postgresql://parsl:parsl@127.0.0.1:5432/parsl_test', 'postgres://h/db'])(
    'reads %s as PostgreSQL',
    (url) => {
      expect(parseDatabaseUrl(url)).toEqual({ kind: 'postgres', url });
    },
  );

  it('rejects another scheme, naming the field and the supported forms', () => {
    expect(() => parseDatabaseUrl('mysql://u:pw@h/db')).toThrow(
      /monitoring\.loggingEndpoint: unsupported database scheme "mysql:" in "mysql:\/\/u:\*\*\*@h\/db"\. Use sqlite/,
    );
  });

  it('rejects an empty URL with a MonitoringError', () => {
    expect(() => parseDatabaseUrl('  ')).toThrow(MonitoringError);
  });

  it('rejects a sqlite URL without a path', () => {
    expect(() => parseDatabaseUrl('sqlite:///')).toThrow(/names no SQLite file/);
  });
});

describe(redactUrl.name, () => {
  it('hides the password', () => {
    expect(redactUrl('postgresql://parsl:hunter2@db:5432/x')).toBe(
      'postgresql://parsl:***@db:5432/x',
    );
  });
});

describe(describeLocation.name, () => {
  it('describes a SQLite file', () => {
    expect(describeLocation({ kind: 'sqlite', path: 'a.db' })).toBe('sqlite:a.db');
  });
});
