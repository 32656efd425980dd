// "The database is unchanged": row counts of every table and every balance, compared before and
// after a fuzz run. Counts come from the catalog so a table added later is covered without edits.
import { db } from "../../../lib/db/client";

export interface DbState {
  counts: Record<string, number>;
  balances: Record<string, string>;
}

export async function dbState(): Promise<DbState> {
  const tables = await db().$queryRawUnsafe<{ name: string }[]>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
  );
  if (tables.length === 0) throw new Error("no tables: is the database migrated?");
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await db().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${name}"`);
    counts[name] = Number(row!.n);
  }
  const rows = await db().$queryRawUnsafe<{ account_id: bigint; balance: bigint }[]>(`SELECT account_id, balance FROM balances ORDER BY account_id`);
  return { counts, balances: Object.fromEntries(rows.map((r) => [String(r.account_id), String(r.balance)])) };
}
