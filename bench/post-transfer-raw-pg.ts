// PROFILING AID (bench only): the exact call postEntries makes for one transfer — one
// ledger_post(...) statement, autocommitted — sent over plain node-postgres instead of
// Prisma. The gap between this and the service is what Prisma's query layer costs; the gap between
// this and pgbench is Node + pg on a machine whose cores PostgreSQL also needs.
import pg from "pg";

const CALL = `SELECT (ledger_post($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::int[],
                                  $7::text[], $8::text[], $9::text[], $10::text[], $11::text, $12::text)->>'ok')::boolean AS ok`;

export async function postTransferRawPg(pool: pg.Pool, from: bigint, to: bigint, amount: bigint): Promise<void> {
  const { rows } = await pool.query<{ ok: boolean }>(CALL, [
    [String(from)], [String(to)], [String(amount)], ["transfer"], ["bench transfer"], [null],
    [null], [null], [null], [null], null, null,
  ]);
  if (!rows[0]?.ok) throw new Error("posting refused (insufficient funds?)");
}
