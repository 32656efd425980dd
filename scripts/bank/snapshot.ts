// One consistent view for an after-run check that reads several tables: a REPEATABLE READ, READ
// ONLY transaction, so a write committing between two of its queries (a Run now still in flight on
// the server after its client gave up) cannot make rows look orphaned.
import type pg from "pg";

export async function inSnapshot<T>(pool: pg.Pool, check: (db: pg.PoolClient) => Promise<T>): Promise<T> {
  const db = await pool.connect();
  try {
    await db.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const result = await check(db);
    await db.query("COMMIT");
    return result;
  } catch (error) {
    await db.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    db.release();
  }
}
