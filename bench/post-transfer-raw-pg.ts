// PROFILING AID (bench only): the exact statements postEntries sends for one transfer (BEGIN, the
// locking SELECT, the guarded UPDATE … FROM unnest, the INSERT … SELECT FROM unnest, COMMIT), sent
// over plain node-postgres instead of Prisma. The gap between this and the service is what Prisma's
// interactive transaction and query layer cost; the gap between this and pgbench is Node + pg.
import pg from "pg";

const LOCK = `SELECT a.id, a.currency, a.status::text AS status, a.allow_negative, b.balance
   FROM accounts a JOIN balances b ON b.account_id = a.id
  WHERE a.id = ANY($1::bigint[])
  ORDER BY a.id
    FOR UPDATE OF b`;
const APPLY = `UPDATE balances b
    SET balance = b.balance + v.delta, version = b.version + 1, last_updated = now()
   FROM unnest($1::bigint[], $2::bigint[]) AS v(account_id, delta)
  WHERE b.account_id = v.account_id AND (b.balance + v.delta >= 0 OR b.allow_negative)
  RETURNING b.account_id`;
const INSERT = `INSERT INTO ledger_entries (from_account_id, to_account_id, amount, currency, type, description, batch_count,
                             product_id, company_id, transaction_id, from_balance_after, to_balance_after,
                             idempotency_key, created_by_user_id)
 SELECT u.from_id, u.to_id, u.amount, u.currency, u.type::"LedgerEntryType", u.description, u.batch_count,
        u.product_id, u.company_id, u.transaction_id, u.from_after, u.to_after, $13, $14
   FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::int[],
               $8::text[], $9::text[], $10::text[], $11::bigint[], $12::bigint[])
        WITH ORDINALITY AS u(from_id, to_id, amount, currency, type, description, batch_count,
                             product_id, company_id, transaction_id, from_after, to_after, ord)
  ORDER BY u.ord
 RETURNING id, created_at`;

export async function postTransferRawPg(pool: pg.Pool, from: bigint, to: bigint, amount: bigint): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const ids = from < to ? [from, to] : [to, from];
    const { rows } = await client.query<{ id: string; currency: string; balance: string; allow_negative: boolean }>(LOCK, [ids.map(String)]);
    const byId = new Map(rows.map((r) => [BigInt(r.id), r]));
    const fromRow = byId.get(from)!;
    const toRow = byId.get(to)!;
    const fromAfter = BigInt(fromRow.balance) - amount;
    const toAfter = BigInt(toRow.balance) + amount;
    if (fromAfter < 0n && !fromRow.allow_negative) throw new Error("insufficient funds");
    const deltas = ids.map((id) => (id === from ? -amount : amount));
    await client.query(APPLY, [ids.map(String), deltas.map(String)]);
    await client.query(INSERT, [
      [String(from)], [String(to)], [String(amount)], [fromRow.currency], ["transfer"], ["bench transfer"], [null],
      [null], [null], [null], [String(fromAfter)], [String(toAfter)], null, null,
    ]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
