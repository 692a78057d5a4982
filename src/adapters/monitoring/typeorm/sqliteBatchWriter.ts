import type { Statement } from './batchSql.js';

/** The parts of a better-sqlite3 `Database` that the batch writer uses. */
interface RawSqlite {
  prepare(sql: string): { run(params: readonly unknown[]): unknown };
  transaction(fn: () => void): () => void;
}

const isRawSqlite = (value: unknown): value is RawSqlite =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Partial<RawSqlite>).prepare === 'function' &&
  typeof (value as Partial<RawSqlite>).transaction === 'function';

/** Distinct chunk sizes are few; the cache is only cleared if something unusual fills it. */
const MAX_PREPARED = 256;

/**
 * Writes batches of statements straight on the better-sqlite3 connection that TypeORM opened, in
 * one synchronous transaction with statements prepared once: the hot write path skips the query
 * runner's per-query promise, logging and broadcaster work. TypeORM keeps the schema, migrations
 * and reads. Returns undefined when `connection` is not a better-sqlite3 database.
 */
export const sqliteBatchWriter = (
  connection: unknown,
): ((statements: readonly Statement[]) => void) | undefined => {
  if (!isRawSqlite(connection)) return undefined;
  const prepared = new Map<string, { run(params: readonly unknown[]): unknown }>();
  const statement = (sql: string): { run(params: readonly unknown[]): unknown } => {
    let stmt = prepared.get(sql);
    if (stmt === undefined) {
      if (prepared.size >= MAX_PREPARED) prepared.clear();
      stmt = connection.prepare(sql);
      prepared.set(sql, stmt);
    }
    return stmt;
  };
  let pending: readonly Statement[] = [];
  const runAll = connection.transaction(() => {
    for (const s of pending) statement(s.sql).run(s.params);
  });
  return (statements) => {
    pending = statements;
    try {
      runAll();
    } finally {
      pending = [];
    }
  };
};
