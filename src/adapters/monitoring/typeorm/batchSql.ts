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

/**
 * Multi-row INSERT … ON CONFLICT statements for `rows`, in chunks of equal size (so prepared
 * statements are reused). Both SQLite (>= 3.24) and PostgreSQL accept the same text apart from
 * placeholders.
 */
export const insertStatements = <TRow>(
  dialect: Dialect,
  spec: TableWriteSpec<TRow>,
  rows: readonly TRow[],
): Statement[] => {
  const width = spec.columns.length;
  const perChunk = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / width)));
  const head = `INSERT INTO ${quote(spec.table)} (${spec.columns.map(quote).join(', ')}) VALUES `;
  const conflict = `ON CONFLICT (${spec.key.map(quote).join(', ')}) DO ${
    spec.mode === 'ignore'
      ? 'NOTHING'
      : `UPDATE SET ${spec.columns
          .filter((c) => !spec.key.includes(c))
          .map((c) => `${quote(c)} = excluded.${quote(c)}`)
          .join(', ')}`
  }`;
  const statements: Statement[] = [];
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const row of chunk) {
      const values = spec.values(row);
      const marks: string[] = [];
      for (const value of values) {
        params.push(value);
        marks.push(dialect === 'postgres' ? `$${params.length}` : '?');
      }
      tuples.push(`(${marks.join(', ')})`);
    }
    statements.push({ sql: `${head}${tuples.join(', ')} ${conflict}`, params });
  }
  return statements;
};

/** Placeholder builder for hand-written queries: `p(1)` is `?` or `$1`. */
export const placeholder =
  (dialect: Dialect) =>
  (index: number): string =>
    dialect === 'postgres' ? `$${index}` : '?';
