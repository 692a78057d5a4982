/** SQL flavour of the connected database. */
export type Dialect = 'sqlite' | 'postgres';

/** How one port row type is written to one table. */
export interface TableWriteSpec<TRow> {
  readonly table: string;
  readonly columns: readonly string[];
  readonly key: readonly string[];
  /** upsert: the new row replaces the stored one; ignore: a stored key keeps its row. */
  readonly mode: 'upsert' | 'ignore';
  readonly values: (row: TRow) => readonly unknown[];
}

/** One parameterised statement. */
export interface Statement {
  readonly sql: string;
  readonly params: unknown[];
}

/** Stays under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters per statement. */
const MAX_PARAMS = 30_000;
const MAX_ROWS = 500;

const quote = (name: string): string => `"${name}"`;

/** The SQL text of one chunk size of one table, built once (and so prepared once). */
const sqlCache = new WeakMap<TableWriteSpec<never>, Map<string, string>>();

const chunkSql = <TRow>(dialect: Dialect, spec: TableWriteSpec<TRow>, rows: number): string => {
  let bySize = sqlCache.get(spec as TableWriteSpec<never>);
  if (bySize === undefined) {
    bySize = new Map();
    sqlCache.set(spec as TableWriteSpec<never>, bySize);
  }
  const key = `${dialect}:${rows}`;
  const cached = bySize.get(key);
  if (cached !== undefined) return cached;
  const width = spec.columns.length;
  const head = `INSERT INTO ${quote(spec.table)} (${spec.columns.map(quote).join(', ')}) VALUES `;
  const conflict = `ON CONFLICT (${spec.key.map(quote).join(', ')}) DO ${
    spec.mode === 'ignore'
      ? 'NOTHING'
      : `UPDATE SET ${spec.columns
          .filter((c) => !spec.key.includes(c))
          .map((c) => `${quote(c)} = excluded.${quote(c)}`)
          .join(', ')}`
  }`;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r += 1) {
    const marks: string[] = [];
    for (let c = 1; c <= width; c += 1) {
      marks.push(dialect === 'postgres' ? `$${r * width + c}` : '?');
    }
    tuples.push(`(${marks.join(', ')})`);
  }
  const sql = `${head}${tuples.join(', ')} ${conflict}`;
  bySize.set(key, sql);
  return sql;
};

/**
 * Multi-row INSERT … ON CONFLICT statements for `rows`, in chunks of equal size (so prepared
 * statements are reused; the SQL text of each chunk size is built once). Both SQLite (>= 3.24)
 * and PostgreSQL accept the same text apart from placeholders.
 */
export const insertStatements = <TRow>(
  dialect: Dialect,
  spec: TableWriteSpec<TRow>,
  rows: readonly TRow[],
): Statement[] => {
  const width = spec.columns.length;
  const perChunk = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / width)));
  const statements: Statement[] = [];
  for (let start = 0; start < rows.length; start += perChunk) {
    const end = Math.min(rows.length, start + perChunk);
    const params: unknown[] = [];
    for (let i = start; i < end; i += 1) {
      for (const value of spec.values(rows[i] as TRow)) params.push(value);
    }
    statements.push({ sql: chunkSql(dialect, spec, end - start), params });
  }
  return statements;
};

/** Placeholder builder for hand-written queries: `p(1)` is `?` or `$1`. */
export const placeholder =
  (dialect: Dialect) =>
  (index: number): string =>
    dialect === 'postgres' ? `$${index}` : '?';
