/** Connection URL of the test PostgreSQL (scripts/services/postgres.sh start). */
export const PG_URL =
  process.env['PARSL_TEST_PG_URL'] ?? 'postgresql://parsl:parsl@127.0.0.1:5432/parsl_test';

export const PG_HOW_TO = 'run scripts/services/postgres.sh start (or set PARSL_TEST_PG_URL)';

/** True when PG_URL accepts a connection within 2 s. */
export const postgresAvailable = async (): Promise<boolean> => {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
};

/** Drops a schema created by a test. */
export const dropSchema = async (schema: string): Promise<void> => {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
};
